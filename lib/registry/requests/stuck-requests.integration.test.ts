import { Wallet } from "ethers";
import { afterAll, describe, expect, it } from "vitest";
import { broadcastSigned, signOperatorCall } from "@/lib/chain/operator-tx";
import { closeOperatorLock, withOperatorLock } from "@/lib/chain/operator-lock";
import { operatorWallet } from "@/lib/chain/operator";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { creditContract } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { callData } from "@/lib/registry/requests/finish-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { PROCESS_REQUEST_QUEUE, sweepStuckRequests } from "@/lib/registry/requests/request-queue";
import { orgWithCredits } from "@/lib/testing/registry-api";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const E15 = 10n ** 15n;

describe("a stuck request never blocks the others", async () => {
  const a = await orgWithCredits("stuckA");
  const b = await orgWithCredits("stuckB");
  const accepted = async (org: typeof a, to: string) => {
    const r = await createRequest({
      organizationId: org.org.id,
      action: "transfer",
      input: { creditId: org.credit.id, amount: "0.001", toAddress: to },
    });
    await acceptRequest({ requestId: r.id, userId: org.admin.id });
    return prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } });
  };

  it("a request stored above the chain's nonce (a gap below it) is mined once the gap is filled, and another organization's request processes meanwhile", async () => {
    const toA = Wallet.createRandom().address;
    const toB = Wallet.createRandom().address;
    const ra = await accepted(a, toA);
    // As a chain crash leaves it: signed and stored at a nonce two above the chain's, then broadcast (the node queues it).
    await withOperatorLock(async () => {
      const nonce = (await provider().getTransactionCount(operatorWallet().address, "pending")) + 2;
      const { signedTx, hash } = await signOperatorCall({ to: ra.tokenAddress, data: await callData(ra), nonce });
      await prisma.icrCreditRequest.update({
        where: { id: ra.id },
        data: { state: "pending_onchain", signedTx, txId: hash, txNonce: nonce },
      });
      await broadcastSigned(signedTx);
    });
    const rb = await accepted(b, toB);
    await Promise.all([processRequests([ra.id]), processRequests([rb.id])]);
    const states = await prisma.icrCreditRequest.findMany({ where: { id: { in: [ra.id, rb.id] } } });
    expect(states.map((r) => r.state)).toEqual(["processed", "processed"]);
    expect(await creditContract(a.credit.tokenAddress).balanceOf(toA, 1n)).toBe(E15);
    expect(await creditContract(b.credit.tokenAddress).balanceOf(toB, 1n)).toBe(E15);
    expect(await prisma.chainTx.count({ where: { purpose: "nonce-filler" } })).toBeGreaterThan(0);
  });

  it("the sweeper queues one job per stuck request, however often it runs", async () => {
    const r = await accepted(a, Wallet.createRandom().address);
    await prisma.$executeRaw`UPDATE "icr_credit_request" SET "updatedAt" = now() - interval '5 minutes' WHERE "id" = ${r.id}::uuid`;
    await sweepStuckRequests();
    await sweepStuckRequests();
    await sweepStuckRequests();
    const [{ jobs }] = await prisma.$queryRaw<
      { jobs: bigint }[]
    >`SELECT count(*) AS jobs FROM "pgboss"."job" WHERE "name" = ${PROCESS_REQUEST_QUEUE} AND "data"->>'requestId' = ${r.id}`;
    expect(Number(jobs)).toBe(1);
  });
});
