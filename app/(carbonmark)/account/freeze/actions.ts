"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { ZAccountLink } from "@/lib/carbonmark/account/account-link";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { freezeAccount } from "@/lib/carbonmark/account/freeze-account";
import { CmUserError } from "@/lib/carbonmark/errors";

// No sign-in: the link from a security notice is the proof (an intruder may hold every session).
export const freezeAccountAction = publicActionClient.inputSchema(ZAccountLink).action(async ({ parsedInput }) => {
  await limitAccountLink();
  const done = await freezeAccount({ token: parsedInput.token });
  if (!done)
    throw new CmUserError(
      "This link has expired or was already used. If you are worried, reset your password from the sign-in page.",
      "not_found",
    );
  return { frozen: true };
});
