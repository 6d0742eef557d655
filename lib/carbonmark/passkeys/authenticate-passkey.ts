import { z } from "zod";
import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { knownTransports, type TPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { relyingParty } from "@/lib/carbonmark/passkeys/relying-party";
import { claimChallenge, issueChallenge, type TChallengePurpose } from "@/lib/carbonmark/passkeys/webauthn-challenge";

export type TPasskeyOptions = { challengeId: string; optionsJSON: PublicKeyCredentialRequestOptionsJSON };
type TAuthPurpose = Exclude<TChallengePurpose, "register">;

/**
 * At sign-in a passkey is a second factor after the password ("preferred": a security key without
 * its own PIN will do); in place of the PIN, and to reset the PIN, it must verify its user (device
 * PIN or biometrics), as the PIN it replaces is something the user knows.
 */
const isUserVerificationRequired = (purpose: TAuthPurpose) => purpose !== "sign_in";

export const PASSKEY_NOT_VERIFIED_MESSAGE =
  "Your passkey's answer could not be verified. Try again with a passkey of this account; nothing was changed.";

/** What a signed-in user asks options for: `confirm` (in place of the PIN, passkey settings) or `pin_reset`. */
export const ZSignedInPasskeyOptions = z.object({ purpose: z.enum(["confirm", "pin_reset"]) });

/**
 * Options for navigator.credentials.get. Sign-in options name no account and list no credential
 * (discoverable passkeys), so they reveal nothing about an e-mail address; the others are bound to
 * the signed-in user and list their passkeys.
 */
export async function passkeyAuthenticationOptions(opts: {
  purpose: TAuthPurpose;
  userId: string | null;
  now?: Date;
}): Promise<TPasskeyOptions> {
  if ((opts.purpose === "sign_in") !== (opts.userId === null))
    throw new Error("sign-in challenges belong to no one; every other one to its user");
  const passkeys = opts.userId
    ? await prisma.cmPasskey.findMany({
        where: { userId: opts.userId },
        select: { credentialId: true, transports: true },
      })
    : [];
  if (opts.userId && passkeys.length === 0)
    throw new CmUserError("Your account has no passkey. Add one in Settings → Security.", "not_found");
  const optionsJSON = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: knownTransports(p.transports) })),
    userVerification: isUserVerificationRequired(opts.purpose) ? "required" : "preferred",
    timeout: 120_000,
  });
  const challengeId = await issueChallenge({
    userId: opts.userId,
    purpose: opts.purpose,
    challenge: optionsJSON.challenge,
    now: opts.now,
  });
  return { challengeId, optionsJSON };
}

/**
 * Checks a passkey's answer: the challenge is live, of this purpose and (but at sign-in) this
 * user's, and is used up here whatever follows; the credential is one of `userId`'s; the signature,
 * origin, RP ID and flags are right; the signature counter moved forward (a cloned authenticator
 * shows up as a counter that did not). Throws CmUserError otherwise. Returns the passkey's id.
 */
export async function verifyPasskeyAssertion(opts: {
  purpose: TAuthPurpose;
  userId: string;
  assertion: TPasskeyAssertion;
  now?: Date;
}): Promise<{ passkeyId: string }> {
  const now = opts.now ?? new Date();
  const expectedChallenge = await claimChallenge({
    id: opts.assertion.challengeId,
    purpose: opts.purpose,
    userId: opts.purpose === "sign_in" ? null : opts.userId,
    now,
  });
  const { response } = opts.assertion;
  const passkey = await prisma.cmPasskey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || passkey.userId !== opts.userId || response.rawId !== response.id)
    throw new CmUserError(PASSKEY_NOT_VERIFIED_MESSAGE, "forbidden");

  const { rpID, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: knownTransports(passkey.transports),
    },
    requireUserVerification: isUserVerificationRequired(opts.purpose),
  }).catch(() => null);
  if (!verification?.verified) throw new CmUserError(PASSKEY_NOT_VERIFIED_MESSAGE, "forbidden");

  // Only from the counter we checked against: of two answers racing with the same counter, one wins.
  const { count } = await prisma.cmPasskey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now },
  });
  if (count !== 1) throw new CmUserError(PASSKEY_NOT_VERIFIED_MESSAGE, "forbidden");
  return { passkeyId: passkey.id };
}
