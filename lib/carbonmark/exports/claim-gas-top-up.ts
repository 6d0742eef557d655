import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { CmUserError } from "@/lib/carbonmark/errors";

// Claims are counted per user under this lock, so concurrent sends cannot both take the last one.
const CLAIM_LOCK_NAMESPACE = 0x1c40_0003;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Records one gas top-up for the Carbonmark wallet at `address`, or refuses it when its user has had
 * CARBONMARK_GAS_TOP_UPS_PER_DAY of them in the last 24 hours. Called before the gas account sends
 * anything, so a refused top-up costs Carbonmark nothing.
 */
export async function claimGasTopUp(opts: {
  address: string;
  value: bigint;
  perDay?: number;
  now?: Date;
}): Promise<void> {
  const perDay = opts.perDay ?? config().CARBONMARK_GAS_TOP_UPS_PER_DAY;
  const now = opts.now ?? new Date();
  const wallet = await prisma.cmWallet.findFirst({
    where: { address: { equals: opts.address, mode: "insensitive" } },
    select: { userId: true, address: true },
  });
  if (!wallet) throw new Error(`no Carbonmark wallet has the address ${opts.address}: no gas is sent to it`);
  await prisma.$transaction(async (db) => {
    await db.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_NAMESPACE}::int, hashtext(${wallet.userId})::int)`;
    const used = await db.cmGasTopUp.count({
      where: { userId: wallet.userId, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
    });
    if (used >= perDay) {
      throw new CmUserError(
        `Carbonmark pays the network fee for at most ${perDay} transfers or retirements per day, and you have reached that limit. Nothing was sent; please try again tomorrow.`,
        "locked",
      );
    }
    await db.cmGasTopUp.create({
      data: { userId: wallet.userId, address: wallet.address, valueWei: opts.value.toString(), createdAt: now },
    });
  });
}
