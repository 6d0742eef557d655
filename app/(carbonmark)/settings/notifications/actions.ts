"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { CM_MAIL_KIND_NAMES } from "@/lib/carbonmark/mail/mail-kinds";
import { setMailPreference, ZSetMailPreference } from "@/lib/carbonmark/mail/mail-preferences";

export const setMailPreferenceAction = authedActionClient
  .inputSchema(ZSetMailPreference)
  .action(async ({ ctx, parsedInput }) => {
    await setMailPreference({
      userId: ctx.user.id,
      kind: parsedInput.kind as (typeof CM_MAIL_KIND_NAMES)[number],
      isEnabled: parsedInput.isEnabled,
    });
    return { kind: parsedInput.kind, isEnabled: parsedInput.isEnabled };
  });
