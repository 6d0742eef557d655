import { z } from "zod";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";
import { logger } from "@/lib/log/logger";
import { verifyPasskeyAssertion } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { ZPasskeyAssertion } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { spendRecoveryCode } from "@/lib/carbonmark/passkeys/recovery-codes";
import { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";

/** The extra credential fields of the second step: the passkey's answer as JSON, or a recovery code. */
const ZSecondFactor = z.object({
  passkey: z.string().max(40_000).optional(),
  recoveryCode: z.string().max(40).optional(),
});

/**
 * next-auth's credentials step after the password: `user` is whoever the password proved (null:
 * refused). A user with a passkey gets a session only with a live sign-in challenge answered by one
 * of *their* passkeys, or with one of their unused recovery codes (used up here, with a notice);
 * otherwise this throws the step's code for the form (SIGN_IN_STEP). There is no other way to a
 * session: both steps post the password, and only this function lets a passkey user through.
 */
export async function requireSecondFactor<TUser extends { id: string }>(
  user: TUser | null,
  credentials: unknown,
): Promise<TUser | null> {
  if (!user) return null;
  if ((await prisma.cmPasskey.count({ where: { userId: user.id } })) === 0) return user;
  const input = ZSecondFactor.safeParse(credentials);
  const { passkey, recoveryCode } = input.success ? input.data : {};

  if (passkey) {
    const assertion = ZPasskeyAssertion.safeParse(parseJson(passkey));
    if (!assertion.success) throw new Error(SIGN_IN_STEP.passkeyFailed);
    try {
      await verifyPasskeyAssertion({ purpose: "sign_in", userId: user.id, assertion: assertion.data });
    } catch (err) {
      if (err instanceof CmUserError) throw new Error(SIGN_IN_STEP.passkeyFailed);
      // next-auth hands a thrown message to the browser: never an internal one.
      logger.error({ err }, "passkey sign-in failed");
      throw new Error(SIGN_IN_STEP.unavailable);
    }
    return user;
  }
  if (recoveryCode) {
    const ok = await prisma.$transaction((tx) => spendRecoveryCode(tx, { userId: user.id, code: recoveryCode }));
    if (!ok) throw new Error(SIGN_IN_STEP.recoveryCodeFailed);
    return user;
  }
  throw new Error(SIGN_IN_STEP.passkeyRequired);
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
