import { z } from "zod";
import { ZPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";

export { formatLockTime } from "@/lib/carbonmark/wallet/pin-format";

export const ZPin = z.string({ error: "Enter your 6-digit PIN" }).regex(/^\d{6}$/, "The PIN is exactly 6 digits");

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;
export const PIN_LOCK_MS = PIN_LOCK_MINUTES * 60_000;

export const ZSetPin = z
  .object({ pin: ZPin, confirmPin: z.string() })
  .refine((v) => v.pin === v.confirmPin, { message: "The two PINs are not the same", path: ["confirmPin"] });

export const ZChangePin = z
  .object({ currentPin: ZPin, newPin: ZPin, confirmPin: z.string() })
  .refine((v) => v.newPin === v.confirmPin, { message: "The two new PINs are not the same", path: ["confirmPin"] });

export const ZResetPin = z
  .object({
    password: z.string({ error: "Enter your account password" }).min(1, "Enter your account password").max(200),
    newPin: ZPin,
    confirmPin: z.string(),
    /** Accounts with a passkey: one of them answers a `pin_reset` challenge (see requirePasskeyForPinReset). */
    passkey: ZPasskeyAssertion.optional(),
  })
  .refine((v) => v.newPin === v.confirmPin, { message: "The two new PINs are not the same", path: ["confirmPin"] });
