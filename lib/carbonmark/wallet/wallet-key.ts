import { Wallet } from "ethers";
import { config } from "@/lib/config";
import { kekFromBase64, type TKek, unwrapSecret, wrappedKekId, wrapSecret } from "@/lib/crypto/key-wrap";

// Wallet private keys at rest: wrapped with WALLET_KEK (AES-256-GCM), bound to the wallet's user
// and address. WALLET_KEK_PREVIOUS still opens keys wrapped before a rotation; they are re-wrapped
// with the current KEK at their next use (see unlockWallet).
function keks(): { current: TKek; all: TKek[] } {
  const c = config();
  const current = kekFromBase64(c.WALLET_KEK);
  return { current, all: c.WALLET_KEK_PREVIOUS ? [current, kekFromBase64(c.WALLET_KEK_PREVIOUS)] : [current] };
}

/** Binds a wrapped key to its row: moved to another user's row, it no longer opens. */
export const walletKeyAad = (userId: string, address: string) => `cm_wallet:${userId}:${address.toLowerCase()}`;

export function sealWalletKey(opts: { userId: string; wallet: { address: string; privateKey: string } }): string {
  return wrapSecret(
    Buffer.from(opts.wallet.privateKey.slice(2), "hex"),
    keks().current,
    walletKeyAad(opts.userId, opts.wallet.address),
  );
}

/** The wallet; throws KeyUnwrapError without the right KEK or if the row was tampered with. */
export function openWalletKey(opts: { userId: string; address: string; keyWrapped: string }): Wallet {
  const key = unwrapSecret(opts.keyWrapped, keks().all, walletKeyAad(opts.userId, opts.address));
  const wallet = new Wallet(`0x${key.toString("hex")}`);
  if (wallet.address !== opts.address) throw new Error("the wrapped key does not match the wallet's address");
  return wallet;
}

export function isWrappedWithCurrentKek(keyWrapped: string): boolean {
  return wrappedKekId(keyWrapped) === keks().current.id;
}
