"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { ZAccountLink } from "@/lib/carbonmark/account/account-link";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { confirmEmail } from "@/lib/carbonmark/account/verify-email";
import { CmUserError } from "@/lib/carbonmark/errors";

export const confirmEmailAction = publicActionClient.inputSchema(ZAccountLink).action(async ({ parsedInput }) => {
  await limitAccountLink();
  const done = await confirmEmail({ token: parsedInput.token });
  if (!done) throw new CmUserError("This link has expired or was already used. Nothing was changed.", "not_found");
  return done;
});
