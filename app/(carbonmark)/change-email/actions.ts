"use server";

import { z } from "zod";
import { publicActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { confirmEmailChange } from "@/lib/carbonmark/account/change-email";
import { CmUserError } from "@/lib/carbonmark/errors";

export const confirmEmailChangeAction = publicActionClient
  .inputSchema(z.object({ token: z.string().min(1).max(100) }))
  .action(async ({ parsedInput }) => {
    await limitAccountLink();
    const done = await confirmEmailChange({ token: parsedInput.token });
    if (!done)
      throw new CmUserError(
        "This link has expired, was already used, or the address now belongs to another account. Nothing was changed.",
        "not_found",
      );
    return done;
  });
