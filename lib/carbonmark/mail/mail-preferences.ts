import { z } from "zod";
import { prisma } from "@/lib/db";
import { CM_MAIL_KIND_NAMES, CM_MAIL_KINDS, type TCmMailKind } from "@/lib/carbonmark/mail/mail-kinds";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";

/** Every kind with whether the user gets it (on unless turned off). */
export async function getMailPreferences(userId: string): Promise<Record<TCmMailKind, boolean>> {
  const rows = await prisma.cmMailPreference.findMany({ where: { userId } });
  const off = new Set(rows.filter((r) => !r.isEnabled).map((r) => r.kind));
  return Object.fromEntries(CM_MAIL_KIND_NAMES.map((k) => [k, !off.has(k)])) as Record<TCmMailKind, boolean>;
}

/** A user's choice for one kind of mail (the notification settings' toggle). */
export const ZSetMailPreference = z.object({
  kind: z.enum(CM_MAIL_KIND_NAMES as [string, ...string[]]),
  isEnabled: z.boolean(),
});

/** Turns one kind of mail on or off for the user; the owner gets a security notice (always sent). */
export async function setMailPreference(input: {
  userId: string;
  kind: TCmMailKind;
  isEnabled: boolean;
}): Promise<void> {
  await prisma.$transaction(async (db) => {
    const row = await db.cmMailPreference.upsert({
      where: { userId_kind: { userId: input.userId, kind: input.kind } },
      create: { userId: input.userId, kind: input.kind, isEnabled: input.isEnabled },
      update: { isEnabled: input.isEnabled },
    });
    await queueSecurityNotice(db, {
      userId: input.userId,
      event: "notifications_changed",
      eventKey: `notifications:${input.userId}:${input.kind}:${row.updatedAt.toISOString()}`,
      details: [[CM_MAIL_KINDS[input.kind].label, input.isEnabled ? "on" : "off"]],
    });
  });
}
