-- Account security: verified e-mail, freeze, mailed single-use links.
-- Existing accounts start unverified: their owner confirms the address at the next sign-in (docs/account-security.md).
ALTER TABLE "cm_user" ADD COLUMN "emailVerifiedAt" TIMESTAMP(3),
ADD COLUMN "frozenAt" TIMESTAMP(3),
ADD COLUMN "freezeLiftedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "cm_account_token" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "newEmail" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_account_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cm_account_token_tokenHash_key" ON "cm_account_token"("tokenHash");

-- CreateIndex
CREATE INDEX "cm_account_token_userId_purpose_idx" ON "cm_account_token"("userId", "purpose");

-- AddForeignKey
ALTER TABLE "cm_account_token" ADD CONSTRAINT "cm_account_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
