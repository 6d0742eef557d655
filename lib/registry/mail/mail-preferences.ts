import { z } from "zod";
import { prisma } from "@/lib/db";
import { ICR_MAIL_KIND_NAMES, type TIcrMailKind } from "@/lib/registry/mail/mail-kinds";

/** Every kind with whether the user gets it (on unless turned off). */
export async function getIcrMailPreferences(userId: string): Promise<Record<TIcrMailKind, boolean>> {
  const rows = await prisma.icrMailPreference.findMany({ where: { userId } });
  const off = new Set(rows.filter((r) => !r.isEnabled).map((r) => r.kind));
  return Object.fromEntries(ICR_MAIL_KIND_NAMES.map((k) => [k, !off.has(k)])) as Record<TIcrMailKind, boolean>;
}

export const ZSetIcrMailPreference = z.object({
  kind: z.enum(ICR_MAIL_KIND_NAMES as [TIcrMailKind, ...TIcrMailKind[]]),
  isEnabled: z.boolean(),
});

/** Turns one kind of mail on or off for the user. */
export async function setIcrMailPreference(input: {
  userId: string;
  kind: TIcrMailKind;
  isEnabled: boolean;
}): Promise<void> {
  await prisma.icrMailPreference.upsert({
    where: { userId_kind: { userId: input.userId, kind: input.kind } },
    create: { userId: input.userId, kind: input.kind, isEnabled: input.isEnabled },
    update: { isEnabled: input.isEnabled },
  });
}
