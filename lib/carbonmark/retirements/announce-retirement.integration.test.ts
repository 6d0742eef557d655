// "Final" means one thing everywhere (docs/finality.md): Carbonmark tells a user their retirement is
// complete (the receipt e-mail, the `retirement.final` webhook event) only once its burn is final
// on chain, when ICR issues the certificate; not when ICR claims it, which on a chain with a
// confirmation depth comes first. The chain here is final 2 blocks deep.
process.env.CHAIN_FINALITY = "depth";
process.env.INDEXER_CONFIRMATIONS = "2";

import { randomUUID } from "node:crypto";
import { connectedHolder } from "@/lib/testing/connected-holder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { apiRetirementProof } from "@/lib/carbonmark/api/api-retirements";
import { ANNOUNCE_RETIREMENT_QUEUE, announceRetirementQueue } from "@/lib/carbonmark/retirements/announce-retirement";
import { retireCredits } from "@/lib/carbonmark/retirements/retire-credits";
import { retirementStage } from "@/lib/carbonmark/retirements/retirement-status";
import { ZRetireCredits } from "@/lib/carbonmark/retirements/schemas";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// A stand-in for ICR that claims every finalize; the chain is the real (per-file) anvil.
let icr: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (req.url === "/projects") return sendIcrProjects(res);
    if (req.url?.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (req.url === "/retirements/finalize") {
      const body = JSON.parse(req.body);
      return sendJson(res, 200, {
        createdAt: new Date().toISOString(),
        id: randomUUID(),
        isClaimed: true,
        beneficiary: body.signedData.beneficiary,
        amount: 1,
        project: { id: "p", fullName: "Highlands" },
      });
    }
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await icr.close();
});

const announced = async (id: string) => ({
  events: await prisma.cmWebhookEvent.count({ where: { eventKey: `retirement.final:${id}` } }),
  mails: Number(
    (
      await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM cm_mail_outbox WHERE "eventKey" = ${`retirement-certified:${id}`}`
    )[0]!.n,
  ),
});

/** What the worker does with the announce jobs queued for `id` (due or not). */
async function runAnnounceJobs(id: string) {
  const jobs = await prisma.$queryRaw<{ id: string; data: unknown }[]>`
    SELECT id::text, data FROM pgboss.job
    WHERE name = ${ANNOUNCE_RETIREMENT_QUEUE} AND data->>'retirementId' = ${id} AND state IN ('created', 'retry')`;
  await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${ANNOUNCE_RETIREMENT_QUEUE} AND data->>'retirementId' = ${id}`;
  await announceRetirementQueue.handler(
    jobs.map((j) => ({ ...j, name: ANNOUNCE_RETIREMENT_QUEUE }) as PgBoss.Job<unknown>),
  );
  return jobs.length;
}

describe("a retirement ICR claimed before its burn is final", () => {
  it("is announced (receipt e-mail, retirement.final) only once the burn is final, once", async () => {
    const { user, creditId } = await connectedHolder({
      email: "announce@test.local",
      amount: "3",
      connection: {
        installationId: "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f",
        organizationId: "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01",
      },
    });

    const row = await retireCredits({
      userId: user.id,
      ...ZRetireCredits.parse({
        creditId,
        quantity: "1",
        beneficiary: "Patient Bakery",
        reason: "Net zero",
        comment: "",
        pin: "123456",
        idempotencyKey: randomUUID(),
      }),
    });
    // ICR claimed it; until the burn is final, neither the pages nor the API call it certified.
    expect(retirementStage(row)).toBe("confirming");
    expect(await apiRetirementProof({ userId: user.id, id: row.id })).toMatchObject({
      stage: "confirming",
      certificateUrl: null,
    });
    const receipt = await provider().getTransactionReceipt(row.txHash!);
    expect(receipt!.blockNumber).toBeGreaterThan((await provider().getBlockNumber()) - 2); // not final yet
    expect(await announced(row.id)).toEqual({ events: 0, mails: 0 });

    // Still not final: the job tries again later, announcing nothing.
    expect(await runAnnounceJobs(row.id)).toBe(1);
    expect(await announced(row.id)).toEqual({ events: 0, mails: 0 });

    // Two blocks later the burn is final: announced once.
    await provider().send("anvil_mine", ["0x2"]);
    expect(await runAnnounceJobs(row.id)).toBe(1);
    expect(await announced(row.id)).toEqual({ events: 1, mails: 1 });
    expect(await runAnnounceJobs(row.id)).toBe(0);
    const final = await prisma.cmRetirement.findUniqueOrThrow({ where: { id: row.id } });
    expect(retirementStage(final)).toBe("certified");
    expect(await apiRetirementProof({ userId: user.id, id: row.id })).toMatchObject({
      stage: "certified",
      certificateUrl: expect.stringMatching(new RegExp(`/api/carbonmark/retirements/${row.id}/certificate$`)),
    });
  }, 120_000);
});
