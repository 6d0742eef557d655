"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { ZAccountLink } from "@/lib/carbonmark/account/account-link";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { confirmEmailChange } from "@/lib/carbonmark/account/change-email";
import { CmUserError } from "@/lib/carbonmark/errors";

export const confirmEmailChangeAction = publicActionClient.inputSchema(ZAccountLink).action(async ({ parsedInput }) => {
  await limitAccountLink();
  const done = await confirmEmailChange({ token: parsedInput.token });
  if (!done)
    throw new CmUserError(
      "This link has expired, was already used, or the address now belongs to another account. Nothing was changed.",
      "not_found",
    );
  return done;
});
