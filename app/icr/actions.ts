"use server";

import { setIcrMailPreference, ZSetIcrMailPreference } from "@/lib/registry/mail/mail-preferences";
import { icrUserAction } from "@/lib/registry/web/icr-action-client";

export const setIcrMailPreferenceAction = icrUserAction
  .inputSchema(ZSetIcrMailPreference)
  .action(async ({ ctx, parsedInput }) => {
    await setIcrMailPreference({ userId: ctx.user.id, kind: parsedInput.kind, isEnabled: parsedInput.isEnabled });
    return { kind: parsedInput.kind, isEnabled: parsedInput.isEnabled };
  });
