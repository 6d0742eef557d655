import { prisma } from "@/lib/db";

/** Until when exports and retirements wait after a PIN reset, or null when they do not. */
export async function getTransferHold(opts: { userId: string; now?: Date }): Promise<Date | null> {
  const wallet = await prisma.cmWallet.findUnique({
    where: { userId: opts.userId },
    select: { transfersHeldUntil: true },
  });
  const until = wallet?.transfersHeldUntil;
  return until && until > (opts.now ?? new Date()) ? until : null;
}
