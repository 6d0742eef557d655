// A burst of Accepts on a process that has just started (no pg-boss instance, no open connections):
// each one ends accepted (its job queued with it) or told the registry is busy (nothing changed, so
// the admin can accept it again); none is refused with an internal message, none is lost.
import { Wallet } from "ethers";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss, stopBoss } from "@/lib/jobs/boss";
import { handleIcrServerError } from "@/lib/registry/web/icr-action-client";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { PROCESS_REQUEST_QUEUE } from "@/lib/registry/requests/request-queue";
import { BUSY_MESSAGE } from "@/lib/registry/transaction-turns";
import { orgWithCredits } from "@/lib/testing/registry-api";

// The action client is server-only (Next.js); its error handler is what the admin's page shows.
vi.mock("server-only", () => ({}));

afterAll(async () => {
  await stopBoss({ graceful: false, wait: true });
  await closeOperatorLock();
});

describe("100 concurrent Accepts right after a restart", async () => {
  const a = await orgWithCredits("burst");
  const ids: string[] = [];
  for (let i = 0; i < 100; i++) {
    const r = await createRequest({
      organizationId: a.org.id,
      action: "transfer",
      input: { creditId: a.credit.id, amount: "0.001", toAddress: Wallet.createRandom().address },
    });
    ids.push(r.id);
  }

  it("each ends accepted with its job, or told busy with nothing changed; none is lost", async () => {
    // As after a restart: no pg-boss instance yet, no connection in the pool.
    await stopBoss({ graceful: false, wait: true });
    await prisma.$disconnect();

    const results = await Promise.allSettled(ids.map((requestId) => acceptRequest({ requestId, userId: a.admin.id })));
    const told = results.map((r) => (r.status === "fulfilled" ? "accepted" : handleIcrServerError(r.reason as Error)));
    const busy = ids.filter((_, i) => told[i] !== "accepted");
    // What the admin sees for a refusal (the action's error text): only "busy, try again".
    expect([...new Set(told)].filter((t) => t !== "accepted")).toEqual(busy.length ? [BUSY_MESSAGE] : []);
    for (const r of results) if (r.status === "rejected") expect((r.reason as IcrHttpError).status).toBe(503);

    const jobs = async () =>
      new Set(
        (
          await prisma.$queryRaw<{ id: string }[]>`SELECT "data"->>'requestId' AS id FROM "pgboss"."job"
            WHERE "name" = ${PROCESS_REQUEST_QUEUE}`
        ).map((j) => j.id),
      );
    const rows = await prisma.icrCreditRequest.findMany({ where: { id: { in: ids } } });
    const queued = await jobs();
    for (const r of rows) {
      if (busy.includes(r.id)) {
        expect(r.state).toBe("pending_request");
        expect(queued.has(r.id)).toBe(false);
      } else {
        expect(r.state).toBe("pending_queue");
        expect(queued.has(r.id)).toBe(true);
      }
    }
    // Told busy, the admin accepts again: it goes through.
    for (const requestId of busy) await acceptRequest({ requestId, userId: a.admin.id });
    expect((await prisma.icrCreditRequest.findMany({ where: { id: { in: ids } } })).map((r) => r.state)).toEqual(
      Array(100).fill("pending_queue"),
    );
    expect([...(await jobs())].filter((id) => ids.includes(id)).length).toBe(100);
    await boss();
  });
});
