// The events of the changes a user's systems hear of, each created in the change's transaction.
import type { TTx } from "@/lib/db";
import type { CmExport, CmImport, CmRetirement } from "@/lib/generated/prisma/client";
import { proofUrl } from "@/lib/carbonmark/api/api-retirements";
import { importView } from "@/lib/carbonmark/api/api-views";
import { emitUserWebhookEvent, type TUserWebhookEvent } from "@/lib/carbonmark/user-webhooks/emit-event";

const IMPORT_EVENT: Partial<Record<CmImport["state"], TUserWebhookEvent>> = {
  processed: "import.arrived",
  rejected: "import.declined",
  failed: "import.failed",
};

/** An import reached an end its owner's systems hear of: arrived, declined or failed (else nothing). */
export async function emitImportEvent(db: TTx, imp: CmImport): Promise<void> {
  const type = IMPORT_EVENT[imp.state];
  if (type) await emitUserWebhookEvent(db, { userId: imp.userId, type, changeKey: imp.id, data: importView(imp) });
}

/** An export is confirmed on chain. */
export async function emitExportSent(db: TTx, row: CmExport): Promise<void> {
  await emitUserWebhookEvent(db, {
    userId: row.userId,
    type: "export.sent",
    changeKey: row.id,
    data: {
      id: row.id,
      creditId: row.creditId,
      amount: row.amount.toFixed(),
      toAddress: row.toAddress,
      txHash: row.txHash,
      createdAt: row.createdAt.toISOString(),
    },
  });
}

/** A retirement ICR claimed is final on chain: ICR issues its certificate (sent by announce-retirement.ts). */
export async function emitRetirementFinal(db: TTx, row: CmRetirement): Promise<void> {
  await emitUserWebhookEvent(db, {
    userId: row.userId,
    type: "retirement.final",
    changeKey: row.id,
    data: {
      id: row.id,
      creditId: row.creditId,
      amount: row.amount.toFixed(),
      beneficiary: row.beneficiary,
      txHash: row.txHash,
      icrRetirementId: row.icrRetirementId,
      proofUrl: proofUrl(row.icrRetirementId),
      createdAt: row.createdAt.toISOString(),
    },
  });
}
