-- AlterTable
ALTER TABLE "cm_import" ADD COLUMN     "arrivedAt" TIMESTAMP(3);
