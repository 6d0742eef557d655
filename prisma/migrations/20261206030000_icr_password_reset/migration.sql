-- ICR password reset links: only the token's SHA-256 is stored; single use; 30 minutes.
CREATE TABLE "icr_password_reset" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "icr_password_reset_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "icr_password_reset_tokenHash_key" ON "icr_password_reset"("tokenHash");
CREATE INDEX "icr_password_reset_userId_idx" ON "icr_password_reset"("userId");

ALTER TABLE "icr_password_reset" ADD CONSTRAINT "icr_password_reset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "icr_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
