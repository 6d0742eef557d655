-- AlterTable
ALTER TABLE "icr_credit_request" ADD COLUMN     "signedTx" TEXT,
ADD COLUMN     "txNonce" INTEGER;

-- CreateTable
CREATE TABLE "icr_chain_cursor" (
    "name" TEXT NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "icr_chain_cursor_pkey" PRIMARY KEY ("name")
);
