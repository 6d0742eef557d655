-- CreateTable
CREATE TABLE "chain_tx_log" (
    "seq" BIGSERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "signedTx" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "ref" TEXT,
    "dropped" BOOLEAN NOT NULL DEFAULT false,
    "dropReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "chain_tx_log_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "chain_tx_log_hash_key" ON "chain_tx_log"("hash");
CREATE INDEX "chain_tx_log_sender_nonce_idx" ON "chain_tx_log"("sender", "nonce");
CREATE INDEX "chain_tx_log_ref_idx" ON "chain_tx_log"("ref");
