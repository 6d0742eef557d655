-- CreateTable
CREATE TABLE "cm_holding" (
    "address" TEXT NOT NULL,
    "tokenAddress" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "projectName" TEXT NOT NULL,
    "lastBlock" INTEGER NOT NULL,
    "readAtBlock" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cm_holding_pkey" PRIMARY KEY ("address","tokenAddress","tokenId")
);

-- CreateTable
CREATE TABLE "cm_index_cursor" (
    "contract" TEXT NOT NULL,
    "block" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cm_index_cursor_pkey" PRIMARY KEY ("contract")
);

-- CreateIndex
CREATE INDEX "cm_holding_userId_idx" ON "cm_holding"("userId");

-- CreateIndex
CREATE INDEX "cm_holding_tokenAddress_lastBlock_idx" ON "cm_holding"("tokenAddress", "lastBlock");
