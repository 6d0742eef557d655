-- Wallet keys wrapped with a server-held key-encryption key; the PIN becomes a peppered hash.
-- Existing rows keep their keystore until their owner's next correct PIN migrates them.
ALTER TABLE "cm_wallet" ALTER COLUMN "keystoreJson" DROP NOT NULL,
ADD COLUMN     "keyWrapped" TEXT,
ADD COLUMN     "pinHash" TEXT,
ADD COLUMN     "pinResetAt" TIMESTAMP(3),
ADD COLUMN     "transfersHeldUntil" TIMESTAMP(3);
