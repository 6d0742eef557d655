"use server";

import { z } from "zod";
import { authedActionClient } from "@/lib/carbonmark/action-client";
import { CM_MAIL_KIND_NAMES } from "@/lib/carbonmark/mail/mail-kinds";
import { setMailPreference } from "@/lib/carbonmark/mail/mail-preferences";

const ZSetMailPreference = z.object({
  kind: z.enum(CM_MAIL_KIND_NAMES as [string, ...string[]]),
  isEnabled: z.boolean(),
});

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
