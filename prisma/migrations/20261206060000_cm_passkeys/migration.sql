-- Passkeys (WebAuthn) as a second factor, their single-use challenges and one-time recovery codes
-- (docs/account-security.md, "Passkeys").

-- CreateTable
CREATE TABLE "cm_passkey" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL,
    "transports" TEXT[],
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "cm_passkey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cm_webauthn_challenge" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "purpose" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_webauthn_challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cm_recovery_code" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cm_passkey_credentialId_key" ON "cm_passkey"("credentialId");

-- CreateIndex
CREATE INDEX "cm_passkey_userId_idx" ON "cm_passkey"("userId");

-- CreateIndex
CREATE INDEX "cm_webauthn_challenge_expiresAt_idx" ON "cm_webauthn_challenge"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "cm_recovery_code_codeHash_key" ON "cm_recovery_code"("codeHash");

-- CreateIndex
CREATE INDEX "cm_recovery_code_userId_idx" ON "cm_recovery_code"("userId");

-- AddForeignKey
ALTER TABLE "cm_passkey" ADD CONSTRAINT "cm_passkey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cm_webauthn_challenge" ADD CONSTRAINT "cm_webauthn_challenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cm_recovery_code" ADD CONSTRAINT "cm_recovery_code_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
