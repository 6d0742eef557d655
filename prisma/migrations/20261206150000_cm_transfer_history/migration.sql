-- Transfer history of Carbonmark wallets (holdings at a date, reconciliation), kept by the holdings
-- indexer beside cm_holding. The cursors are reset so the indexer reads every listed contract's
-- history once more (balances are absolute, so the re-read changes no holding) and fills the history.

-- CreateTable
CREATE TABLE "cm_transfer" (
    "txHash" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "batchIndex" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "tokenAddress" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "counterparty" TEXT NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "blockTime" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cm_transfer_pkey" PRIMARY KEY ("txHash","logIndex","batchIndex","address")
);

-- CreateIndex
CREATE INDEX "cm_transfer_userId_blockTime_idx" ON "cm_transfer"("userId", "blockTime");

-- CreateIndex
CREATE INDEX "cm_transfer_tokenAddress_blockNumber_idx" ON "cm_transfer"("tokenAddress", "blockNumber");

-- CreateIndex
CREATE INDEX "cm_import_userId_creditId_idx" ON "cm_import"("userId", "creditId");

DELETE FROM "cm_index_cursor";
