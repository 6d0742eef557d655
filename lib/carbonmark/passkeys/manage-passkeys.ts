import { z } from "zod";
import { prisma } from "@/lib/db";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { CmUserError } from "@/lib/carbonmark/errors";
import { verifyPasskeyAssertion } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import type { TPasskeyConfirmState } from "@/lib/carbonmark/passkeys/passkey-copy";
import { type TPasskeyAssertion, ZPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { replaceRecoveryCodes, spendRecoveryCode } from "@/lib/carbonmark/passkeys/recovery-codes";

export type TPasskeyListItem = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export function listPasskeys(userId: string): Promise<TPasskeyListItem[]> {
  return prisma.cmPasskey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function hasPasskey(userId: string): Promise<boolean> {
  return (await prisma.cmPasskey.count({ where: { userId } })) > 0;
}

/**
 * Can a passkey stand in for the PIN on this user's transfers? "none": no passkey; "legacy_wallet":
 * the wallet's key still exists only under the PIN (nothing else can open it until the PIN has been
 * used once); "available".
 */
export async function passkeyConfirmState(userId: string): Promise<TPasskeyConfirmState> {
  const [count, wallet] = await Promise.all([
    prisma.cmPasskey.count({ where: { userId } }),
    prisma.cmWallet.findUnique({ where: { userId }, select: { keyWrapped: true } }),
  ]);
  if (count === 0) return "none";
  return wallet?.keyWrapped ? "available" : "legacy_wallet";
}

/**
 * What proves the owner when passkeys are managed: one of their passkeys (any, the one being removed
 * too), or, when all are lost, a recovery code. The account password is not enough: with it alone
 * someone could remove the passkeys and then reset the PIN with the password.
 */
export const ZPasskeyProof = z.discriminatedUnion("method", [
  z.object({ method: z.literal("passkey"), passkey: ZPasskeyAssertion }),
  z.object({
    method: z.literal("recovery_code"),
    recoveryCode: z.string({ error: "Enter a recovery code" }).trim().min(1, "Enter a recovery code").max(40),
  }),
]);
export type TPasskeyProof = z.output<typeof ZPasskeyProof>;

export const WRONG_RECOVERY_CODE_MESSAGE = "That recovery code is not right or was already used. Nothing was changed.";

export const ZRemovePasskey = z.object({ passkeyId: z.uuid() }).and(ZPasskeyProof);

/**
 * Removes one of the user's passkeys and mails the owner, in one transaction (with the recovery
 * code's use, when that was the proof). Removing the last one also drops the recovery codes, which
 * exist only to stand in for a passkey: sign-in is then password-only again.
 */
export async function removePasskey(opts: {
  userId: string;
  passkeyId: string;
  proof: TPasskeyProof;
  now?: Date;
}): Promise<{ remaining: number }> {
  const now = opts.now ?? new Date();
  const target = await prisma.cmPasskey.findFirst({
    where: { id: opts.passkeyId, userId: opts.userId },
    select: { id: true, name: true },
  });
  if (!target) throw new CmUserError("This passkey was not found; it may have been removed already.", "not_found");
  if (opts.proof.method === "passkey")
    await verifyPasskeyAssertion({ purpose: "confirm", userId: opts.userId, assertion: opts.proof.passkey, now });
  const proof = opts.proof;
  return prisma.$transaction(async (tx) => {
    if (
      proof.method === "recovery_code" &&
      !(await spendRecoveryCode(tx, { userId: opts.userId, code: proof.recoveryCode, now }))
    )
      throw new CmUserError(WRONG_RECOVERY_CODE_MESSAGE, "invalid_input");
    const { count } = await tx.cmPasskey.deleteMany({ where: { id: target.id, userId: opts.userId } });
    if (count === 0)
      throw new CmUserError("This passkey was not found; it may have been removed already.", "not_found");
    const remaining = await tx.cmPasskey.count({ where: { userId: opts.userId } });
    if (remaining === 0) await tx.cmRecoveryCode.deleteMany({ where: { userId: opts.userId } });
    await queueSecurityNotice(tx, {
      userId: opts.userId,
      event: "passkey_removed",
      eventKey: `passkey_removed:${target.id}`,
      details: [["Passkey", target.name]],
      now,
    });
    return { remaining };
  });
}

/** New recovery codes (the old ones stop working), confirmed with one of the user's passkeys; returned once. */
/** Renewing the recovery codes: a passkey's fresh answer. */
export const ZRenewRecoveryCodes = z.object({ passkey: ZPasskeyAssertion });

export async function renewRecoveryCodes(opts: {
  userId: string;
  passkey: TPasskeyAssertion;
  now?: Date;
}): Promise<string[]> {
  await verifyPasskeyAssertion({ purpose: "confirm", userId: opts.userId, assertion: opts.passkey, now: opts.now });
  return prisma.$transaction((tx) => replaceRecoveryCodes(tx, opts.userId));
}
