-- CreateEnum
CREATE TYPE "IcrWebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "icr_webhook_delivery" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "organizationId" UUID,
    "installationId" UUID,
    "status" "IcrWebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "icr_webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "icr_webhook_delivery_organizationId_createdAt_idx" ON "icr_webhook_delivery"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "icr_webhook_delivery_appId_createdAt_idx" ON "icr_webhook_delivery"("appId", "createdAt");

-- AddForeignKey
ALTER TABLE "icr_webhook_delivery" ADD CONSTRAINT "icr_webhook_delivery_appId_fkey" FOREIGN KEY ("appId") REFERENCES "icr_app"("id") ON DELETE CASCADE ON UPDATE CASCADE;
