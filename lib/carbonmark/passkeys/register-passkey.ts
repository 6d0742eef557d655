import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isUniqueViolation, prisma } from "@/lib/db";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { CmUserError } from "@/lib/carbonmark/errors";
import { formatDateTime } from "@/lib/format-date-time";
import { knownTransports, ZPasskeyName, ZRegistrationResponse } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { replaceRecoveryCodes } from "@/lib/carbonmark/passkeys/recovery-codes";
import { relyingParty, userHandleOf } from "@/lib/carbonmark/passkeys/relying-party";
import { claimChallenge, issueChallenge } from "@/lib/carbonmark/passkeys/webauthn-challenge";
import { ZPin } from "@/lib/carbonmark/wallet/pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { z } from "zod";

export const MAX_PASSKEYS = 10;

/** Adding a passkey, first step: the wallet PIN and the name the passkey will have (checked before any ceremony). */
export const ZStartPasskeyRegistration = z.object({ pin: ZPin, name: ZPasskeyName });

/** Adding a passkey, second step: the authenticator's answer to the challenge, and the passkey's name. */
export const ZFinishPasskeyRegistration = z.object({
  challengeId: z.uuid(),
  response: ZRegistrationResponse,
  name: ZPasskeyName,
});

/**
 * First step of adding a passkey: the wallet PIN (a passkey can then move credits in its place, so
 * only whoever can already move them may add one; wrong PINs count toward the PIN lock), no
 * transfer hold running (after a password-only PIN reset, no new way in for 24 h), then the
 * options for navigator.credentials.create, with a challenge bound to the user.
 */
export async function startPasskeyRegistration(opts: {
  userId: string;
  pin: string;
  now?: Date;
}): Promise<{ challengeId: string; optionsJSON: PublicKeyCredentialCreationOptionsJSON }> {
  const now = opts.now ?? new Date();
  await unlockWallet({ userId: opts.userId, pin: opts.pin, now, purpose: "change_pin" });
  const user = await prisma.cmUser.findUniqueOrThrow({
    where: { id: opts.userId },
    select: {
      email: true,
      name: true,
      wallet: { select: { transfersHeldUntil: true } },
      passkeys: { select: { credentialId: true, transports: true } },
    },
  });
  const heldUntil = user.wallet?.transfersHeldUntil;
  if (heldUntil && heldUntil > now)
    throw new CmUserError(
      `Your PIN was reset recently. For your safety, passkeys can be added again after ${formatDateTime(heldUntil)}.`,
      "locked",
    );
  if (user.passkeys.length >= MAX_PASSKEYS)
    throw new CmUserError(
      `You have ${MAX_PASSKEYS} passkeys, the most an account can have. Remove one first.`,
      "conflict",
    );
  const { rpID, rpName } = relyingParty();
  const optionsJSON = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: userHandleOf(opts.userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: knownTransports(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    timeout: 120_000,
  });
  const challengeId = await issueChallenge({
    userId: opts.userId,
    purpose: "register",
    challenge: optionsJSON.challenge,
    now,
  });
  return { challengeId, optionsJSON };
}

/**
 * Second step: checks the authenticator's answer to that challenge (attestation "none": we trust no
 * vendor list, only the key), stores the passkey and mails the owner, in one transaction. The first
 * passkey comes with 10 recovery codes, returned here once and stored hashed.
 */
export async function finishPasskeyRegistration(opts: {
  userId: string;
  challengeId: string;
  response: z.output<typeof ZRegistrationResponse>;
  name: string;
  now?: Date;
}): Promise<{ passkeyId: string; recoveryCodes: string[] | null }> {
  const now = opts.now ?? new Date();
  const expectedChallenge = await claimChallenge({
    id: opts.challengeId,
    purpose: "register",
    userId: opts.userId,
    now,
  });
  const { rpID, origin } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: opts.response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified)
    throw new CmUserError("The passkey could not be added: its answer could not be verified. Nothing was changed.");
  const { credential } = verification.registrationInfo;

  try {
    return await prisma.$transaction(async (tx) => {
      // One registration at a time per user, so two first passkeys cannot make two sets of codes.
      await tx.$queryRaw`SELECT id FROM cm_user WHERE id = ${opts.userId}::uuid FOR UPDATE`;
      const isFirst = (await tx.cmPasskey.count({ where: { userId: opts.userId } })) === 0;
      const passkey = await tx.cmPasskey.create({
        data: {
          userId: opts.userId,
          credentialId: credential.id,
          publicKey: new Uint8Array(credential.publicKey),
          counter: BigInt(credential.counter),
          transports: knownTransports(credential.transports ?? opts.response.response.transports),
          name: opts.name,
          createdAt: now,
        },
        select: { id: true },
      });
      const recoveryCodes = isFirst ? await replaceRecoveryCodes(tx, opts.userId) : null;
      await queueSecurityNotice(tx, {
        userId: opts.userId,
        event: "passkey_added",
        eventKey: `passkey_added:${passkey.id}`,
        details: [["Passkey", opts.name]],
        now,
      });
      return { passkeyId: passkey.id, recoveryCodes };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new CmUserError("This passkey is already registered. Nothing was changed.", "conflict");
    throw err;
  }
}
