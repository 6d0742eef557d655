import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { deployProjectContract, mintCredits } from "@/lib/registry/projects";
import { FRIENDBOT_AMOUNT, SANDBOX_TEST_PROJECT, SANDBOX_TEST_TOKEN_ID } from "@/lib/registry/sandbox";

/** The sandbox's test credit (project contract deployed and token registered on first use). */
async function ensureTestCredit() {
  const project = await prisma.icrProject.upsert({
    where: { num: SANDBOX_TEST_PROJECT.num },
    create: { ...SANDBOX_TEST_PROJECT },
    update: {},
  });
  // One deployment even when several callers arrive at once.
  const tokenAddress = await prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('icr-friendbot-project', 0))`;
      return deployProjectContract(project.id);
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
  const id = `exPost-${SANDBOX_TEST_TOKEN_ID}-${tokenAddress}`;
  const vintage = String(new Date().getUTCFullYear());
  return prisma.icrCredit.upsert({
    where: { id },
    create: {
      id,
      projectId: project.id,
      tokenId: String(SANDBOX_TEST_TOKEN_ID),
      tokenAddress,
      serialization: `ICR-ISL-${project.num}-${SANDBOX_TEST_TOKEN_ID}-R-0-${vintage}`,
      vintage,
      supply: "0",
    },
    update: {},
  });
}

/** Mints 100 test credits to the organization's default address. */
export async function friendbot(organizationId: string) {
  const address = await prisma.icrOrgAddress.findFirst({ where: { organizationId, isDefault: true } });
  if (!address) throw notFound(`Organization ${organizationId} not found`);
  const credit = await ensureTestCredit();
  const receipt = await mintCredits({
    tokenAddress: credit.tokenAddress,
    tokenId: credit.tokenId,
    to: address.address,
    amount: FRIENDBOT_AMOUNT,
  });
  await prisma.icrCredit.update({ where: { id: credit.id }, data: { supply: { increment: FRIENDBOT_AMOUNT } } });
  invalidateBalances(organizationId);
  return { serialization: credit.serialization, amount: Number(FRIENDBOT_AMOUNT), transactionId: receipt.hash };
}
