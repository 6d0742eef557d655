-- Signed certificates: each stored certificate keeps its signed record and detached JWS; every key the
-- registry has signed with is kept (public half) so its JWKS still verifies old certificates.

-- AlterTable
ALTER TABLE "icr_retirement_certificate" ADD COLUMN     "jws" TEXT,
ADD COLUMN     "kid" TEXT,
ADD COLUMN     "record" TEXT;

-- CreateTable
CREATE TABLE "icr_signing_key" (
    "kid" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "icr_signing_key_pkey" PRIMARY KEY ("kid")
);
