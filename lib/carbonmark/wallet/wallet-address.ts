import { prisma } from "@/lib/db";

/** The user's wallet address, or null while they have no wallet (no PIN set yet). */
export async function walletAddress(userId: string): Promise<string | null> {
  const wallet = await prisma.cmWallet.findUnique({ where: { userId }, select: { address: true } });
  return wallet?.address ?? null;
}
