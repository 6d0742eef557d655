import { prisma } from "@/lib/db";
import { isWrappedWithCurrentKek, openWalletKey, sealWalletKey } from "@/lib/carbonmark/wallet/wallet-key";

/**
 * Finishes a KEK rotation without anyone's PIN: every key still wrapped with WALLET_KEK_PREVIOUS
 * is re-wrapped with WALLET_KEK (each row only if it did not change meanwhile). Afterwards the
 * previous KEK can be dropped. Wallets still in the old keystore format are counted, not touched.
 */
export async function rewrapWalletKeys(
  opts: { batchSize?: number } = {},
): Promise<{ rewrapped: number; current: number; legacy: number }> {
  const batchSize = opts.batchSize ?? 200;
  const counts = { rewrapped: 0, current: 0, legacy: 0 };
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.cmWallet.findMany({
      where: after ? { userId: { gt: after } } : {},
      orderBy: { userId: "asc" },
      take: batchSize,
      select: { userId: true, address: true, keyWrapped: true },
    });
    if (rows.length === 0) return counts;
    after = rows[rows.length - 1].userId;
    for (const row of rows) {
      if (!row.keyWrapped) counts.legacy++;
      else if (isWrappedWithCurrentKek(row.keyWrapped)) counts.current++;
      else {
        const wallet = openWalletKey({ userId: row.userId, address: row.address, keyWrapped: row.keyWrapped });
        const { count } = await prisma.cmWallet.updateMany({
          where: { userId: row.userId, keyWrapped: row.keyWrapped },
          data: { keyWrapped: sealWalletKey({ userId: row.userId, wallet }) },
        });
        counts.rewrapped += count;
      }
    }
  }
}
