-- Consent proofs from ICR's signed `installed` webhooks (issue 8): the callback connects only with one.
CREATE TABLE "cm_install_consent" (
    "state" TEXT NOT NULL,
    "installationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "icrUserId" TEXT,
    "icrUserName" TEXT,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cm_install_consent_pkey" PRIMARY KEY ("state","installationId")
);
ALTER TABLE "cm_install_consent" ADD CONSTRAINT "cm_install_consent_state_fkey" FOREIGN KEY ("state") REFERENCES "cm_install_state"("state") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who the connection's ICR consent came from.
ALTER TABLE "cm_icr_connection" ADD COLUMN "icrUserId" TEXT,
ADD COLUMN "icrUserName" TEXT;

-- Who asked, on every request: the ICR user behind the app and the app's account it acts for.
ALTER TABLE "icr_credit_request" ADD COLUMN "requestedByUserId" UUID,
ADD COLUMN "onBehalfOfAccountId" TEXT,
ADD COLUMN "onBehalfOfName" TEXT,
ADD COLUMN "onBehalfOfEmail" TEXT;
