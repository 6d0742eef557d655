-- AlterTable
ALTER TABLE "cm_user" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;
