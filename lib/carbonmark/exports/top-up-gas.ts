import { Wallet } from "ethers";
import { provider } from "@/lib/chain/provider";
import { sendLogged } from "@/lib/chain/send-logged";
import { waitForReceipt } from "@/lib/chain/wait-for-receipt";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { claimGasTopUp } from "@/lib/carbonmark/exports/claim-gas-top-up";

// Carbonmark pays its users' gas from one funded account; its nonces are taken under a lock.
const GAS_LOCK = 0x1c40_0002;

/** Sends gas to `address` when it holds less than `needed` wei; waits until it has arrived. */
export async function topUpGas(opts: { address: string; needed: bigint }) {
  const balance = await provider().getBalance(opts.address);
  if (balance >= opts.needed) return;
  const gas = new Wallet(config().CARBONMARK_GAS_KEY, provider());
  const value = opts.needed * 3n - balance;
  await claimGasTopUp({ address: opts.address, value });
  const hash = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(${GAS_LOCK})`;
      // Logged before broadcast (lib/chain/tx-log.ts), so a chain that loses it replays it.
      return sendLogged({ wallet: gas, tx: { to: opts.address, value }, purpose: "gas-top-up", ref: opts.address });
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  const receipt = await waitForReceipt(hash, 60_000);
  if (!receipt || receipt.status !== 1) throw new Error("the gas top-up failed");
}
