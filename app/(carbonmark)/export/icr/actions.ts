"use server";

import { pinActionClient } from "@/lib/carbonmark/action-client";
import { sendExport, ZSendExport } from "@/lib/carbonmark/exports/send-export";
import { config } from "@/lib/config";

export const sendExportAction = pinActionClient.inputSchema(ZSendExport).action(async ({ ctx, parsedInput }) => {
  const row = await sendExport({ userId: ctx.user.id, ...parsedInput });
  if (row.status === "failed")
    return { ok: false as const, message: row.lastError ?? "The transfer failed. Nothing was transferred." };
  return {
    ok: true as const,
    status: row.status,
    txHash: row.txHash,
    amount: row.amount.toString(),
    inventoryUrl: `${config().ICR_WEB_URL}/organizations/${row.organizationId}/inventory`,
  };
});
