-- Retirement proof (docs/proof.md): the salted details commitment bound on chain, its salt on both
-- sides, the beneficiary's privacy date, and indexes for the public list's filters.

-- AlterTable
ALTER TABLE "icr_retirement" ADD COLUMN "commitment" TEXT,
ADD COLUMN "commitmentSalt" TEXT,
ADD COLUMN "beneficiaryHiddenUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "icr_credit_request" ADD COLUMN "commitmentSalt" TEXT;

-- AlterTable
ALTER TABLE "cm_retirement" ADD COLUMN "commitmentSalt" TEXT,
ADD COLUMN "beneficiaryHiddenUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "icr_retirement_beneficiary_createdAt_idx" ON "icr_retirement"("beneficiary", "createdAt");

-- CreateIndex
CREATE INDEX "icr_retirement_projectId_createdAt_idx" ON "icr_retirement"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "icr_retirement_vintage_createdAt_idx" ON "icr_retirement"("vintage", "createdAt");
