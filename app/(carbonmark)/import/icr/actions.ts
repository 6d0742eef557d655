"use server";

import { authedActionClient } from "@/lib/carbonmark/action-client";
import { requestImport, ZRequestImport } from "@/lib/carbonmark/imports/request-import";
import { config } from "@/lib/config";

export const requestImportAction = authedActionClient
  .inputSchema(ZRequestImport)
  .action(async ({ ctx, parsedInput }) => {
    const row = await requestImport({ userId: ctx.user.id, ...parsedInput });
    if (row.state === "failed") return { ok: false as const, message: row.lastError ?? "The request failed." };
    return {
      ok: true as const,
      importId: row.id,
      inventoryUrl: `${config().ICR_WEB_URL}/organizations/${row.organizationId}/inventory`,
      amount: row.amount.toString(),
      toAddress: row.toAddress,
      retireFor: row.action === "transfer_retire" ? row.beneficiaryName : null,
    };
  });
