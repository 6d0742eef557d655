import type { Wallet } from "ethers";
import { z } from "zod";
import { ZPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { ZPin } from "@/lib/carbonmark/wallet/pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { unlockWalletWithPasskey } from "@/lib/carbonmark/wallet/unlock-with-passkey";

/**
 * The owner's consent to a transfer: the PIN (`method` may be left out), or one of their passkeys
 * answering a `confirm` challenge. Inputs of export, retire and finish-retirement carry one.
 */
export const ZWalletConsent = z.discriminatedUnion("method", [
  z.object({ method: z.literal("pin").optional(), pin: ZPin }),
  z.object({ method: z.literal("passkey"), passkey: ZPasskeyAssertion }),
]);
export type TWalletConsent = z.output<typeof ZWalletConsent>;

/** The wallet, opened with the PIN (unlockWallet) or with a passkey (unlockWalletWithPasskey); the same hold and lock apply. */
export function unlockWalletWithConsent(opts: {
  userId: string;
  consent: TWalletConsent;
  now?: Date;
}): Promise<Wallet> {
  const { consent } = opts;
  return consent.method === "passkey"
    ? unlockWalletWithPasskey({ userId: opts.userId, assertion: consent.passkey, now: opts.now })
    : unlockWallet({ userId: opts.userId, pin: consent.pin, now: opts.now });
}
