"use server";

import { z } from "zod";
import { publicActionClient } from "@/lib/carbonmark/action-client";
import { limitAccountLink } from "@/lib/carbonmark/account/account-limits";
import { confirmEmail } from "@/lib/carbonmark/account/verify-email";
import { CmUserError } from "@/lib/carbonmark/errors";

export const confirmEmailAction = publicActionClient
  .inputSchema(z.object({ token: z.string().min(1).max(100) }))
  .action(async ({ parsedInput }) => {
    await limitAccountLink();
    const done = await confirmEmail({ token: parsedInput.token });
    if (!done) throw new CmUserError("This link has expired or was already used. Nothing was changed.", "not_found");
    return done;
  });
