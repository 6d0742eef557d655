-- API keys (hashed), idempotency of API writes, and webhooks for the user's systems (docs/api.md).
CREATE TABLE "cm_api_key" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_api_key_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "cm_api_key_prefix_key" ON "cm_api_key"("prefix");
CREATE INDEX "cm_api_key_userId_idx" ON "cm_api_key"("userId");
ALTER TABLE "cm_api_key" ADD CONSTRAINT "cm_api_key_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "cm_api_idempotency" (
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "responseBody" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_api_idempotency_pkey" PRIMARY KEY ("userId","key")
);

CREATE TABLE "cm_webhook_endpoint" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "failingSince" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_webhook_endpoint_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "cm_webhook_endpoint_userId_idx" ON "cm_webhook_endpoint"("userId");
ALTER TABLE "cm_webhook_endpoint" ADD CONSTRAINT "cm_webhook_endpoint_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "cm_webhook_event" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_webhook_event_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "cm_webhook_event_eventKey_key" ON "cm_webhook_event"("eventKey");
CREATE INDEX "cm_webhook_event_userId_createdAt_idx" ON "cm_webhook_event"("userId", "createdAt");

CREATE TABLE "cm_endpoint_delivery" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_endpoint_delivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "cm_endpoint_delivery_eventId_endpointId_key" ON "cm_endpoint_delivery"("eventId", "endpointId");
CREATE INDEX "cm_endpoint_delivery_endpointId_createdAt_idx" ON "cm_endpoint_delivery"("endpointId", "createdAt");
ALTER TABLE "cm_endpoint_delivery" ADD CONSTRAINT "cm_endpoint_delivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "cm_webhook_event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_endpoint_delivery" ADD CONSTRAINT "cm_endpoint_delivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "cm_webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
