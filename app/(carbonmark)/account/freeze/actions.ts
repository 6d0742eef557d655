"use server";

import { z } from "zod";
import { publicActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { freezeAccount } from "@/lib/carbonmark/account/freeze-account";
import { CmUserError } from "@/lib/carbonmark/errors";

// No sign-in: the link from a security notice is the proof (an intruder may hold every session).
export const freezeAccountAction = publicActionClient
  .inputSchema(z.object({ token: z.string().min(1).max(100) }))
  .action(async ({ parsedInput }) => {
    await limitAccountLink();
    const done = await freezeAccount({ token: parsedInput.token });
    if (!done)
      throw new CmUserError(
        "This link has expired or was already used. If you are worried, reset your password from the sign-in page.",
        "not_found",
      );
    return { frozen: true };
  });
