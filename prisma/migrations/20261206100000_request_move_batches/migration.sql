-- Accepted transfers leave as `moveBatch` transactions: a request knows its batch (txId, the
-- batch's hash, and its index in it) and how large a batch may carry it after one reverted whole
-- (docs/architecture.md, "Chain and database agree after any crash").

-- AlterTable
ALTER TABLE "icr_credit_request" ADD COLUMN "batchIndex" INTEGER,
ADD COLUMN "batchLimit" INTEGER;

-- CreateIndex
CREATE INDEX "icr_credit_request_txId_idx" ON "icr_credit_request"("txId");
