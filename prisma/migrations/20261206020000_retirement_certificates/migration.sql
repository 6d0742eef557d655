-- The certificate of a final retirement, rendered once and stored; every download serves these bytes.
CREATE TABLE "icr_retirement_certificate" (
    "retirementId" UUID NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "renderedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "icr_retirement_certificate_pkey" PRIMARY KEY ("retirementId")
);

ALTER TABLE "icr_retirement_certificate" ADD CONSTRAINT "icr_retirement_certificate_retirementId_fkey" FOREIGN KEY ("retirementId") REFERENCES "icr_retirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carbonmark's public retirements list (newest first) and its certificate links (by ICR retirement id).
CREATE INDEX "cm_retirement_createdAt_idx" ON "cm_retirement"("createdAt");
CREATE INDEX "cm_retirement_icrRetirementId_idx" ON "cm_retirement"("icrRetirementId");
