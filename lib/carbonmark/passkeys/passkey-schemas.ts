import { z } from "zod";
import { PASSKEY_NAME_MAX } from "@/lib/carbonmark/passkeys/passkey-copy";

// What the browser sends back from a WebAuthn ceremony (@simplewebauthn/browser's JSON), bounded in
// size. Plain zod, no server code: forms and actions share it.
const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, "not base64url");
const ZTransport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

export const ZAuthenticationResponse = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  response: z.object({
    clientDataJSON: b64url(8192),
    authenticatorData: b64url(8192),
    signature: b64url(2048),
    userHandle: b64url(512).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.unknown().transform(() => ({})), // none asked for: whatever came is dropped
  type: z.literal("public-key"),
});

export const ZRegistrationResponse = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  response: z.object({
    clientDataJSON: b64url(8192),
    attestationObject: b64url(32768),
    authenticatorData: b64url(8192).optional(),
    transports: z.array(z.string().max(20)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8192).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.unknown().transform(() => ({})), // none asked for: whatever came is dropped
  type: z.literal("public-key"),
});

/** A passkey's answer to one of our challenges: which challenge, and the signed response. */
export const ZPasskeyAssertion = z.object(
  { challengeId: z.uuid(), response: ZAuthenticationResponse },
  { error: "Confirm with your passkey" },
);
export type TPasskeyAssertion = z.output<typeof ZPasskeyAssertion>;

/** The transports we keep for a credential (a hint for the browser; unknown ones are dropped). */
export const knownTransports = (list: string[] | undefined) =>
  (list ?? []).filter((t): t is z.infer<typeof ZTransport> => ZTransport.safeParse(t).success);

export const ZPasskeyName = z
  .string()
  .trim()
  .min(1, "Give the passkey a name")
  .max(PASSKEY_NAME_MAX, `The name may be at most ${PASSKEY_NAME_MAX} characters`);
