"use server";

import { z } from "zod";
import { setIcrMailPreference } from "@/lib/registry/mail/mail-preferences";
import { ICR_MAIL_KIND_NAMES, type TIcrMailKind } from "@/lib/registry/mail/mail-kinds";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

const ZSetMailPreference = z.object({
  kind: z.enum(ICR_MAIL_KIND_NAMES as [TIcrMailKind, ...TIcrMailKind[]]),
  isEnabled: z.boolean(),
});

export const setIcrMailPreferenceAction = icrUserAction
  .inputSchema(ZSetMailPreference)
  .action(async ({ ctx, parsedInput }) => {
    await setIcrMailPreference({ userId: ctx.user.id, kind: parsedInput.kind, isEnabled: parsedInput.isEnabled });
    return { kind: parsedInput.kind, isEnabled: parsedInput.isEnabled };
  });
