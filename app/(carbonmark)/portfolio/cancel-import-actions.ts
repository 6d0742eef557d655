"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { cancelImport } from "@/lib/carbonmark/imports/cancel-import";
import { ZCancelImport } from "@/lib/carbonmark/retirements/schemas";

export const cancelImportAction = authedActionClient.inputSchema(ZCancelImport).action(async ({ ctx, parsedInput }) => {
  const imp = await cancelImport({ userId: ctx.user.id, importId: parsedInput.importId });
  return { id: imp.id, state: imp.state };
});
