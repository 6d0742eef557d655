-- When Carbonmark saw a retirement's burn final on chain (docs/finality.md) and announced it: until
-- then a retirement ICR has claimed is "confirming", not "certified", on every page and in the API.
-- Retirements ICR claimed before this column existed were recorded on chains final at depth 0, where
-- a claim comes after a final burn: they count as final from their last update.
ALTER TABLE "cm_retirement" ADD COLUMN "finalAt" TIMESTAMP(3);

UPDATE "cm_retirement" SET "finalAt" = "updatedAt" WHERE "icrRetirementId" IS NOT NULL;
