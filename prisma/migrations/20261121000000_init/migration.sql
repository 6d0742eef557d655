-- CreateEnum
CREATE TYPE "IcrOrganizationType" AS ENUM ('projectProponent', 'broker', 'buyer', 'validator');
CREATE TYPE "IcrRole" AS ENUM ('admin', 'member');
CREATE TYPE "IcrCreditType" AS ENUM ('exPost', 'exAnte');
CREATE TYPE "IcrAction" AS ENUM ('transfer', 'retire', 'transfer_retire', 'cancel');
CREATE TYPE "IcrRequestState" AS ENUM ('cancelled', 'failed', 'pending_onchain', 'pending_queue', 'pending_request', 'pending_reserved', 'processed', 'rejected');
CREATE TYPE "CmImportState" AS ENUM ('requested', 'cancelled', 'failed', 'pending_onchain', 'pending_queue', 'pending_request', 'pending_reserved', 'processed', 'rejected');
CREATE TYPE "CmOperationStatus" AS ENUM ('pending', 'sent', 'confirmed', 'failed');

-- CreateTable
CREATE TABLE "icr_organization" (
    "id" UUID NOT NULL,
    "fullName" TEXT NOT NULL,
    "countryCode" VARCHAR(2) NOT NULL,
    "city" TEXT,
    "zip" TEXT,
    "physicalAddress" TEXT,
    "registrationNumber" TEXT,
    "website" TEXT,
    "logo" TEXT NOT NULL,
    "type" "IcrOrganizationType" NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "icr_organization_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_org_address" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "derivationIndex" INTEGER NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_org_address_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_user_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_session_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_membership" (
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "IcrRole" NOT NULL,
    CONSTRAINT "icr_membership_pkey" PRIMARY KEY ("userId","organizationId")
);

CREATE TABLE "icr_project" (
    "id" UUID NOT NULL,
    "fullName" TEXT NOT NULL,
    "num" TEXT NOT NULL,
    "countryCode" VARCHAR(2) NOT NULL,
    "contractAddress" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_project_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_credit" (
    "id" TEXT NOT NULL,
    "projectId" UUID NOT NULL,
    "tokenId" TEXT NOT NULL,
    "tokenAddress" TEXT NOT NULL,
    "serialization" TEXT NOT NULL,
    "vintage" TEXT NOT NULL,
    "supply" DECIMAL(38,18) NOT NULL,
    "type" "IcrCreditType" NOT NULL DEFAULT 'exPost',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_credit_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_app" (
    "id" UUID NOT NULL,
    "nameId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT NOT NULL,
    "callbackUrls" TEXT[],
    "permissions" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_app_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_installation" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "permissions" TEXT[],
    "installedById" UUID,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "icr_installation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_access_token" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "name" TEXT,
    "organizationId" UUID NOT NULL,
    "installationId" UUID,
    "permissions" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "icr_access_token_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_credit_request" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "action" "IcrAction" NOT NULL,
    "type" "IcrCreditType" NOT NULL,
    "creditId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "tokenAddress" TEXT NOT NULL,
    "serialization" TEXT NOT NULL,
    "vintage" TEXT NOT NULL,
    "amount" DECIMAL(38,3) NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "toAddress" TEXT,
    "toOrganizationId" UUID,
    "txId" TEXT,
    "state" "IcrRequestState" NOT NULL,
    "failureReason" TEXT,
    "retirementId" TEXT,
    "retirementReason" TEXT,
    "retirementComment" TEXT,
    "beneficiaryName" TEXT,
    "requestedByAppId" UUID,
    "requestedByToken" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "icr_credit_request_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "icr_retirement" (
    "id" UUID NOT NULL,
    "txId" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "retireeAddress" TEXT NOT NULL,
    "organizationId" UUID,
    "creditId" TEXT NOT NULL,
    "tokenAddress" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "serialization" TEXT NOT NULL,
    "vintage" TEXT NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "projectId" UUID NOT NULL,
    "isClaimed" BOOLEAN NOT NULL DEFAULT false,
    "beneficiary" TEXT,
    "reason" TEXT,
    "comment" TEXT,
    "requestId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    CONSTRAINT "icr_retirement_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cm_user_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_wallet" (
    "userId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "keystoreJson" TEXT NOT NULL,
    "pinFailures" INTEGER NOT NULL DEFAULT 0,
    "pinLockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cm_wallet_pkey" PRIMARY KEY ("userId")
);

CREATE TABLE "cm_icr_connection" (
    "userId" UUID NOT NULL,
    "installationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "organizationName" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cm_icr_connection_pkey" PRIMARY KEY ("userId")
);

CREATE TABLE "cm_install_state" (
    "state" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "returnTo" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cm_install_state_pkey" PRIMARY KEY ("state")
);

CREATE TABLE "cm_import" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "creditId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "serialization" TEXT NOT NULL,
    "vintage" TEXT NOT NULL,
    "amount" DECIMAL(38,3) NOT NULL,
    "toAddress" TEXT NOT NULL,
    "icrTransactionId" TEXT,
    "state" "CmImportState" NOT NULL DEFAULT 'requested',
    "txId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cm_import_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_export" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "creditId" TEXT NOT NULL,
    "amount" DECIMAL(38,3) NOT NULL,
    "toAddress" TEXT NOT NULL,
    "nonce" INTEGER,
    "txHash" TEXT,
    "status" "CmOperationStatus" NOT NULL DEFAULT 'pending',
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cm_export_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_retirement" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "creditId" TEXT NOT NULL,
    "amount" DECIMAL(38,3) NOT NULL,
    "beneficiary" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "txHash" TEXT,
    "icrRetirementId" TEXT,
    "status" "CmOperationStatus" NOT NULL DEFAULT 'pending',
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "cm_retirement_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_webhook_delivery" (
    "deliveryId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cm_webhook_delivery_pkey" PRIMARY KEY ("deliveryId")
);

-- CreateIndex
CREATE UNIQUE INDEX "icr_org_address_address_key" ON "icr_org_address"("address");
CREATE UNIQUE INDEX "icr_org_address_derivationIndex_key" ON "icr_org_address"("derivationIndex");
CREATE INDEX "icr_org_address_organizationId_idx" ON "icr_org_address"("organizationId");
CREATE UNIQUE INDEX "icr_user_email_key" ON "icr_user"("email");
CREATE INDEX "icr_session_userId_idx" ON "icr_session"("userId");
CREATE INDEX "icr_membership_organizationId_idx" ON "icr_membership"("organizationId");
CREATE UNIQUE INDEX "icr_project_num_key" ON "icr_project"("num");
CREATE UNIQUE INDEX "icr_project_contractAddress_key" ON "icr_project"("contractAddress");
CREATE UNIQUE INDEX "icr_credit_serialization_key" ON "icr_credit"("serialization");
CREATE UNIQUE INDEX "icr_credit_tokenAddress_tokenId_key" ON "icr_credit"("tokenAddress", "tokenId");
CREATE UNIQUE INDEX "icr_app_nameId_key" ON "icr_app"("nameId");
CREATE UNIQUE INDEX "icr_installation_appId_organizationId_key" ON "icr_installation"("appId", "organizationId");
CREATE UNIQUE INDEX "icr_access_token_tokenHash_key" ON "icr_access_token"("tokenHash");
CREATE INDEX "icr_access_token_organizationId_idx" ON "icr_access_token"("organizationId");
CREATE INDEX "icr_access_token_installationId_idx" ON "icr_access_token"("installationId");
CREATE INDEX "icr_credit_request_organizationId_createdAt_idx" ON "icr_credit_request"("organizationId", "createdAt");
CREATE INDEX "icr_credit_request_fromAddress_tokenAddress_tokenId_state_idx" ON "icr_credit_request"("fromAddress", "tokenAddress", "tokenId", "state");
CREATE UNIQUE INDEX "icr_retirement_requestId_key" ON "icr_retirement"("requestId");
CREATE INDEX "icr_retirement_createdAt_idx" ON "icr_retirement"("createdAt");
CREATE UNIQUE INDEX "icr_retirement_txId_logIndex_key" ON "icr_retirement"("txId", "logIndex");
CREATE UNIQUE INDEX "cm_user_email_key" ON "cm_user"("email");
CREATE UNIQUE INDEX "cm_wallet_address_key" ON "cm_wallet"("address");
CREATE INDEX "cm_icr_connection_installationId_idx" ON "cm_icr_connection"("installationId");
CREATE INDEX "cm_install_state_userId_idx" ON "cm_install_state"("userId");
CREATE UNIQUE INDEX "cm_import_idempotencyKey_key" ON "cm_import"("idempotencyKey");
CREATE UNIQUE INDEX "cm_import_icrTransactionId_key" ON "cm_import"("icrTransactionId");
CREATE INDEX "cm_import_userId_createdAt_idx" ON "cm_import"("userId", "createdAt");
CREATE UNIQUE INDEX "cm_export_idempotencyKey_key" ON "cm_export"("idempotencyKey");
CREATE UNIQUE INDEX "cm_export_txHash_key" ON "cm_export"("txHash");
CREATE INDEX "cm_export_userId_createdAt_idx" ON "cm_export"("userId", "createdAt");
CREATE UNIQUE INDEX "cm_retirement_idempotencyKey_key" ON "cm_retirement"("idempotencyKey");
CREATE UNIQUE INDEX "cm_retirement_txHash_key" ON "cm_retirement"("txHash");
CREATE INDEX "cm_retirement_userId_createdAt_idx" ON "cm_retirement"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "icr_org_address" ADD CONSTRAINT "icr_org_address_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "icr_organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_session" ADD CONSTRAINT "icr_session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "icr_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_membership" ADD CONSTRAINT "icr_membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "icr_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_membership" ADD CONSTRAINT "icr_membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "icr_organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_credit" ADD CONSTRAINT "icr_credit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "icr_project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_installation" ADD CONSTRAINT "icr_installation_appId_fkey" FOREIGN KEY ("appId") REFERENCES "icr_app"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_installation" ADD CONSTRAINT "icr_installation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "icr_organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_access_token" ADD CONSTRAINT "icr_access_token_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "icr_organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_access_token" ADD CONSTRAINT "icr_access_token_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "icr_installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "icr_credit_request" ADD CONSTRAINT "icr_credit_request_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "icr_organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_wallet" ADD CONSTRAINT "cm_wallet_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_icr_connection" ADD CONSTRAINT "cm_icr_connection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_install_state" ADD CONSTRAINT "cm_install_state_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_import" ADD CONSTRAINT "cm_import_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_export" ADD CONSTRAINT "cm_export_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_retirement" ADD CONSTRAINT "cm_retirement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
