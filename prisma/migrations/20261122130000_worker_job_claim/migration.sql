-- CreateTable: which worker runs which job right now, so a dead worker's jobs are retried at once.
CREATE TABLE "worker_job_claim" (
    "jobId" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "workerId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_job_claim_pkey" PRIMARY KEY ("jobId")
);

-- CreateIndex
CREATE INDEX "worker_job_claim_workerId_idx" ON "worker_job_claim"("workerId");
