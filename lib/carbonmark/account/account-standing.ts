import { prisma, type TDb } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";

export type TGuardedAction = "connect" | "import" | "export" | "retire";
const VERB: Record<TGuardedAction, string> = {
  connect: "connect to ICR",
  import: "import credits",
  export: "send credits",
  retire: "retire credits",
};

export const FROZEN_MESSAGE =
  "This account is frozen: someone said a security notice was not them. Set a new password with the link we mailed you to lift it. Nothing was changed.";

/**
 * Refuses what moves credits (or names the user to ICR) until the owner has proved the e-mail
 * address, and while the account is frozen. Every domain function that does so calls it first.
 */
export async function assertAccountMayMove(
  opts: { userId: string; action: TGuardedAction },
  db: TDb = prisma,
): Promise<void> {
  const user = await db.cmUser.findUnique({
    where: { id: opts.userId },
    select: { email: true, emailVerifiedAt: true, frozenAt: true },
  });
  if (!user) throw new CmUserError("Your session has expired. Sign in again; nothing was changed.", "unauthenticated");
  if (user.frozenAt) throw new CmUserError(FROZEN_MESSAGE, "locked");
  if (!user.emailVerifiedAt)
    throw new CmUserError(
      `Confirm your e-mail address before you ${VERB[opts.action]}: open the link we sent to ${user.email} (Settings → Account can send it again). Nothing was changed.`,
      "forbidden",
    );
}
