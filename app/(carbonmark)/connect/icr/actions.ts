"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { ZStartInstall } from "@/lib/carbonmark/connection/actions-schemas";
import { disconnectIcr } from "@/lib/carbonmark/connection/disconnect";
import { startIcrInstall } from "@/lib/carbonmark/connection/start-install";
import { z } from "zod";

export const startIcrInstallAction = authedActionClient.inputSchema(ZStartInstall).action(async ({ ctx, parsedInput }) => {
  return { url: await startIcrInstall({ userId: ctx.user.id, returnTo: parsedInput.returnTo }) };
});

export const disconnectIcrAction = authedActionClient.inputSchema(z.object({})).action(async ({ ctx }) => {
  return disconnectIcr({ userId: ctx.user.id });
});
