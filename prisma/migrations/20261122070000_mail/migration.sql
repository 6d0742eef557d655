-- E-mail: per-user preferences and a transactional outbox on each side (issue 10).
CREATE TABLE "icr_mail_preference" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "icr_mail_preference_pkey" PRIMARY KEY ("userId","kind")
);

CREATE TABLE "icr_mail_outbox" (
    "id" UUID NOT NULL,
    "eventKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "icr_mail_outbox_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cm_mail_preference" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cm_mail_preference_pkey" PRIMARY KEY ("userId","kind")
);

CREATE TABLE "cm_mail_outbox" (
    "id" UUID NOT NULL,
    "eventKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_mail_outbox_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "icr_mail_outbox_eventKey_recipient_key" ON "icr_mail_outbox"("eventKey", "recipient");
CREATE UNIQUE INDEX "cm_mail_outbox_eventKey_recipient_key" ON "cm_mail_outbox"("eventKey", "recipient");

ALTER TABLE "icr_mail_preference" ADD CONSTRAINT "icr_mail_preference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "icr_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cm_mail_preference" ADD CONSTRAINT "cm_mail_preference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
