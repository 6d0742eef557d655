// A retirement is final when its transaction is final and the registry has finalized its details
// (docs/finality.md). On the Polygon profile a wallet's burn is claimed (POST /retirements/finalize)
// seconds before the chain's `finalized` tag reaches it: the registry signs no certificate until it
// does, and never one for a burn a reorg took away. Block production is paused while a burn is not
// final, so "not final yet" holds for as long as the test needs it.
import { startPolygonChain } from "@/lib/testing/polygon-chain";
const chain = await startPolygonChain();

import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parseEther, parseUnits, Wallet, ZeroHash, type TransactionResponse } from "ethers";
import type PgBoss from "pg-boss";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { anvilKey } from "@/lib/stack/chain";
import { mintCredits } from "@/lib/registry/projects";
import { certificateQueue, CERTIFICATE_QUEUE } from "@/lib/registry/retirements/certificate-queue";
import { finalizeMessage } from "@/lib/registry/retirements/finalize-retirement";
import { storeMissingCertificates } from "@/lib/registry/retirements/store-certificate";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";

const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/registry/retirements/retirement-pdf", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/registry/retirements/retirement-pdf")>();
  return {
    ...real,
    renderCertificatePdf: async (...args: Parameters<typeof real.renderCertificatePdf>) => {
      renders.count++;
      return real.renderCertificatePdf(...args);
    },
  };
});

const { GET: download } = await import("@/app/icr/retirements/[retirementId]/certificate/route");
const { GET: record } = await import("@/app/icr/retirements/[retirementId]/record/route");
const { GET: apiPdf } = await import("@/app/icr/api/retirements/[retirementId]/pdf/route");
const { POST: finalize } = await import("@/app/icr/api/retirements/finalize/route");

afterEach(() => resumeBlocks());
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

/** Stops the 2 s blocks: nothing is mined (and the final block stays put) until `mine` or `resumeBlocks`. */
const pauseBlocks = () => chain.rpc("evm_setIntervalMining", [0]);
const resumeBlocks = () => chain.rpc("evm_setIntervalMining", [2]);
const mine = (blocks = 1) => chain.rpc("anvil_mine", [`0x${blocks.toString(16)}`]);

/** Mines the one block holding `tx` (blocks paused) and returns its number. */
async function mineOne(tx: TransactionResponse): Promise<number> {
  await mine();
  return (await tx.wait())!.blockNumber;
}

/** A wallet holding 1 credit of a fresh organization's project, with gas. */
async function walletWithCredit(label: string) {
  const a = await orgWithCredits(label);
  const wallet = Wallet.createRandom().connect(provider());
  await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: "1", to: wallet.address, amount: "1" });
  const funder = new Wallet(anvilKey(7), provider());
  await (await funder.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
  return { a, wallet, token: await tokenFor(a.org.id, []) };
}

/** Burns the wallet's credit in one block mined now (blocks paused) and claims it at once, as Carbonmark does. */
async function burnAndClaim(w: Awaited<ReturnType<typeof walletWithCredit>>, beneficiary: string) {
  await pauseBlocks();
  const tx = await carbonCredit(w.a.credit.tokenAddress, w.wallet).retire(
    w.wallet.address,
    1n,
    parseUnits("1", 18),
    ZeroHash,
  );
  const block = await mineOne(tx);
  const signedData = { beneficiary, comment: "", reason: "", projectAddress: w.a.credit.tokenAddress, tokenId: "1" };
  const fin = await callRoute(finalize, {
    url: "/retirements/finalize",
    token: w.token,
    body: { signer: w.wallet.address, signature: await w.wallet.signMessage(finalizeMessage(signedData)), signedData },
  });
  expect(fin.status).toBe(200);
  expect(await chain.finalized()).toBeLessThan(block); // claimed, its transaction not final
  return { id: fin.json.id as string, block, txHash: tx.hash };
}

/** Mines blocks until the final block has reached `block`. */
async function finalizeBlock(block: number) {
  while ((await chain.finalized()) < block) await mine();
}

/** The public download, the API's PDF and the public signed record of `id`. */
async function answers(id: string, token: string) {
  const pub = await download(
    new Request(`http://test/icr/retirements/${id}/certificate`, { headers: { "x-forwarded-for": "198.51.100.50" } }),
    { params: Promise.resolve({ retirementId: id }) },
  );
  const rec = await record(new Request(`http://test/icr/retirements/${id}/record`), {
    params: Promise.resolve({ retirementId: id }),
  });
  const api = await callRoute(apiPdf, { url: "/x", params: { retirementId: id }, token });
  return {
    pub: { status: pub.status, text: pub.status === 200 ? "" : await pub.text() },
    record: { status: rec.status, json: (await rec.json()) as { message?: string; jws?: string } },
    api: { status: api.status, message: (api.json as { message?: string } | undefined)?.message },
  };
}

/** The certificate jobs of retirement `id` the queue holds: due now, or waiting for their start. */
async function queuedJobs(id: string) {
  return prisma.$queryRaw<{ state: string; due: boolean }[]>`
    SELECT state::text, start_after <= now() AS due FROM pgboss.job
    WHERE name = ${CERTIFICATE_QUEUE} AND data->>'retirementId' = ${id} AND state IN ('created', 'retry')`;
}

/** What the worker does with every certificate job of `id` that is queued (due or not). */
async function runJobsOf(id: string) {
  const jobs = await prisma.$queryRaw<{ id: string; data: unknown }[]>`
    SELECT id::text, data FROM pgboss.job
    WHERE name = ${CERTIFICATE_QUEUE} AND data->>'retirementId' = ${id} AND state IN ('created', 'retry')`;
  await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${CERTIFICATE_QUEUE} AND data->>'retirementId' = ${id}`;
  await certificateQueue.handler(jobs.map((j) => ({ ...j, name: CERTIFICATE_QUEUE }) as PgBoss.Job<unknown>));
}

describe("the certificate of a retirement claimed before its transaction is final (Polygon profile)", () => {
  it("is not rendered or signed until the transaction is final; downloads say it waits for the chain; then it is", async () => {
    const w = await walletWithCredit("retfinal-wait");
    renders.count = 0;
    const { id, block } = await burnAndClaim(w, "Patient Bakery");

    // The job queued with the claim runs: nothing rendered, nothing signed, the job waits to try again.
    await runJobsOf(id);
    expect(renders.count).toBe(0);
    expect(await prisma.icrRetirementCertificate.count({ where: { retirementId: id } })).toBe(0);
    expect(await queuedJobs(id)).toEqual([{ state: "created", due: false }]);

    const waiting = await answers(id, w.token);
    expect(waiting.pub.status).toBe(409);
    expect(waiting.pub.text).toMatch(/not final yet.*transaction.*chain/i);
    expect(waiting.api.status).toBe(409);
    expect(waiting.api.message).toMatch(/not final yet.*transaction.*chain/i);
    expect(waiting.record.status).toBe(409);
    expect(waiting.record.json.message).toMatch(/not final yet/i);
    // With the chain unreadable the answers say so (503), never a 500, and still sign nothing.
    chain.proxy.faults.dropConnections = 1_000;
    const down = await answers(id, w.token).finally(() => (chain.proxy.faults.dropConnections = 0));
    expect([down.pub.status, down.api.status, down.record.status]).toEqual([503, 503, 503]);
    expect(down.pub.text).toMatch(/chain cannot be read/);
    expect(renders.count).toBe(0);
    // The minutely sweep leaves it too.
    await storeMissingCertificates();
    expect(renders.count).toBe(0);
    expect(await prisma.icrRetirementCertificate.count({ where: { retirementId: id } })).toBe(0);

    // The chain finalizes the block: the next run renders and signs it.
    await finalizeBlock(block);
    await runJobsOf(id);
    expect(renders.count).toBe(1);
    const stored = await prisma.icrRetirementCertificate.findUniqueOrThrow({ where: { retirementId: id } });
    expect(stored.jws).toBeTruthy();
    const done = await answers(id, w.token);
    expect(done.pub.status).toBe(200);
    expect(done.api.status).toBe(200);
    expect(done.record.status).toBe(200);
    expect(done.record.json.jws).toBe(stored.jws);
    expect(await queuedJobs(id)).toEqual([]);
  }, 120_000);

  it("a burn a reorg moved into another block (another log index) keeps its claim, gets no second row, and is certified once final there", async () => {
    const w = await walletWithCredit("retfinal-moved");
    const other = await walletWithCredit("retfinal-other");
    renders.count = 0;
    const { id, block, txHash } = await burnAndClaim(w, "Moved Bakery");
    const raw = await chain.rpc<string>("eth_getRawTransactionByHash", [txHash]);
    const before = await prisma.icrRetirement.findUniqueOrThrow({ where: { id } });

    // The reorg drops the burn; the network mines it again, after another burn (at a higher tip) in the same block.
    await chain.proxy.reorg((await chain.head()) - block + 1);
    const first = await carbonCredit(other.a.credit.tokenAddress, other.wallet).retire(
      other.wallet.address,
      1n,
      parseUnits("1", 18),
      ZeroHash,
      { maxPriorityFeePerGas: 50_000_000_000n, maxFeePerGas: 100_000_000_000n },
    );
    await provider().broadcastTransaction(raw);
    await mine();
    const again = (await provider().getTransactionReceipt(txHash))!;
    expect((await first.wait())!.blockNumber).toBe(again.blockNumber);

    await syncRetirements();
    const rows = await prisma.icrRetirement.findMany({ where: { txId: txHash } });
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(rows[0]!.logIndex).not.toBe(before.logIndex);
    expect(rows[0]).toMatchObject({ isClaimed: true, beneficiary: "Moved Bakery" });

    await finalizeBlock(again.blockNumber);
    await runJobsOf(id);
    await storeMissingCertificates();
    expect(renders.count).toBe(1);
    expect((await answers(id, w.token)).pub.status).toBe(200);
  }, 120_000);

  it("a burn a reorg took away before it was final never gets a certificate", async () => {
    const w = await walletWithCredit("retfinal-reorg");
    renders.count = 0;
    const { id, block, txHash } = await burnAndClaim(w, "Vanished Bakery");
    // A reorg replaces the burn's block; the burn is gone from the chain.
    await chain.proxy.reorg((await chain.head()) - block + 1);
    expect(await provider().getTransactionReceipt(txHash)).toBeNull();
    await finalizeBlock(block + 1);

    await runJobsOf(id);
    await storeMissingCertificates();
    expect(renders.count).toBe(0);
    expect(await prisma.icrRetirementCertificate.count({ where: { retirementId: id } })).toBe(0);
    const gone = await answers(id, w.token);
    expect(gone.pub.status).toBe(409);
    expect(gone.pub.text).toMatch(/not on the chain/i);
    expect(gone.api.status).toBe(409);
    expect(gone.record.status).toBe(409);
  }, 120_000);

  it("the retirement sync reads a stretch wider than the provider serves in ranges it does serve", async () => {
    const w = await walletWithCredit("cert-fin-range");
    await syncRetirements();
    await pauseBlocks();
    await mine(2_100); // the proxy, like Polygon's providers, refuses eth_getLogs over 2,000 blocks
    const tx = await carbonCredit(w.a.credit.tokenAddress, w.wallet).retire(
      w.wallet.address,
      1n,
      parseUnits("1", 18),
      ZeroHash,
    );
    await mineOne(tx);
    await syncRetirements();
    expect(await prisma.icrRetirement.count({ where: { txId: { equals: tx.hash, mode: "insensitive" } } })).toBe(1);
  });
});
