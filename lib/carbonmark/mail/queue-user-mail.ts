import type { Prisma } from "@/lib/generated/prisma/client";
import { queueCmMail } from "@/lib/carbonmark/mail/mail-queue";
import type { TCmMailKind } from "@/lib/carbonmark/mail/mail-kinds";
import { renderMail, type TMailBody } from "@/lib/mail/render";

const FOOTER = "You get this e-mail from Carbonmark. Turn each kind on or off under Settings → Notifications.";

/**
 * Records and queues one mail to the user in the caller's transaction, unless the user turned this
 * kind off, or has not confirmed the address yet (an unverified address gets nothing but its
 * confirmation link). `eventKey` names the event: the same event never mails the user twice.
 */
export async function queueUserMail(
  db: Prisma.TransactionClient,
  input: { userId: string; kind: TCmMailKind; eventKey: string; subject: string; body: Omit<TMailBody, "footer"> },
): Promise<void> {
  const user = await db.cmUser.findUnique({
    where: { id: input.userId },
    select: { email: true, emailVerifiedAt: true, mailPreferences: { where: { kind: input.kind } } },
  });
  if (!user?.emailVerifiedAt || user.mailPreferences[0]?.isEnabled === false) return;
  const { text, html } = renderMail({ ...input.body, footer: FOOTER });
  await queueCmMail(db, {
    eventKey: input.eventKey,
    kind: input.kind,
    recipient: user.email,
    subject: input.subject,
    text,
    html,
  });
}
