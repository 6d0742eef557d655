-- CreateEnum
CREATE TYPE "CmImportAction" AS ENUM ('transfer', 'transfer_retire');

-- AlterTable
ALTER TABLE "cm_import" ADD COLUMN     "action" "CmImportAction" NOT NULL DEFAULT 'transfer',
ADD COLUMN     "beneficiaryName" TEXT,
ADD COLUMN     "retirementComment" TEXT,
ADD COLUMN     "retirementReason" TEXT;
