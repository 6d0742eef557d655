import type { z } from "zod";
import type { CmImport } from "@/lib/generated/prisma/client";
import type { ZImport } from "@/lib/carbonmark/api/api-schemas";

/** An import as the API shows it. */
export function importView(i: CmImport): z.infer<typeof ZImport> {
  return {
    id: i.id,
    creditId: i.creditId,
    projectName: i.projectName,
    serialization: i.serialization,
    vintage: i.vintage,
    amount: i.amount.toFixed(),
    action: i.action,
    state: i.state,
    icrTransactionId: i.icrTransactionId,
    txHash: i.txId,
    lastError: i.lastError,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
