-- CreateTable
CREATE TABLE "cm_gas_top_up" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "valueWei" DECIMAL(78,0) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_gas_top_up_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cm_gas_top_up_userId_createdAt_idx" ON "cm_gas_top_up"("userId", "createdAt");
