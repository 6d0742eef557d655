-- AlterTable: a form sent twice (an admin's retirement from the inventory page) makes one request.
ALTER TABLE "icr_credit_request" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "icr_credit_request_organizationId_idempotencyKey_key" ON "icr_credit_request"("organizationId", "idempotencyKey");
