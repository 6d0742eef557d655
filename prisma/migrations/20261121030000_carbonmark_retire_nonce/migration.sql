-- AlterTable
ALTER TABLE "cm_retirement" ADD COLUMN     "nonce" INTEGER;
