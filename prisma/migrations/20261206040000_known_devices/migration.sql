-- CreateTable: browsers (by the SHA-256 of their cm_device cookie) on which a Carbonmark user has signed in.
CREATE TABLE "cm_known_device" (
    "userId" UUID NOT NULL,
    "deviceIdHash" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cm_known_device_pkey" PRIMARY KEY ("userId","deviceIdHash")
);

ALTER TABLE "cm_known_device" ADD CONSTRAINT "cm_known_device_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cm_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
