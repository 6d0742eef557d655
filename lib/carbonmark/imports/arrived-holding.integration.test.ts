// The last mile: when ICR says a transfer is processed, the credits are on chain. The webhook's
// commit stores the arrived holding with the new state, so the page that hears of the change reads
// both at once (not the state first and the row after the indexer's next pass).
import { randomUUID } from "node:crypto";
import { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { listedCreditContracts } from "@/lib/carbonmark/credits/listed-credits";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

let icr: Awaited<ReturnType<typeof startLocalServer>>;
let projects: { id: string; fullName: string; projectAddress: string }[] = [];

beforeAll(async () => {
  icr = await startLocalServer((req, res) =>
    req.url === "/projects" ? sendJson(res, 200, { projects }) : sendJson(res, 404, { message: "unknown" }),
  );
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

/** An import of `amount` of the project's token that ICR has not yet reported processed; its ICR transaction id. */
async function pendingImport(opts: {
  userId: string;
  address: string;
  project: { fullName: string; contractAddress: string };
  projectNum: string;
  tokenId: number;
  vintage: string;
  amount: string;
}): Promise<string> {
  const icrTransactionId = randomUUID();
  await prisma.cmImport.create({
    data: {
      userId: opts.userId,
      idempotencyKey: randomUUID(),
      organizationId: randomUUID(),
      creditId: `exPost-${opts.tokenId}-${opts.project.contractAddress}`,
      projectName: opts.project.fullName,
      serialization: `ICR-ISL-${opts.projectNum}-78001-${opts.tokenId}-R-0-${opts.vintage}`,
      vintage: opts.vintage,
      amount: opts.amount,
      toAddress: opts.address,
      icrTransactionId,
      state: "pending_onchain",
    },
  });
  return icrTransactionId;
}

describe("an import ICR reports processed", () => {
  it("shows its credits in the holdings as of the same commit", async () => {
    const u = await ensureCmUser({ email: "arrived@test.local", name: "A", password: "password-123", pin: "123456" });
    const address = u.wallet!.address;
    const project = await ensureProject({ num: "ARR-1", fullName: "Arrival project", countryCode: "IS" });
    projects = [{ id: project.id, fullName: project.fullName, projectAddress: project.contractAddress }];
    // The transfer ICR made: 2.5 credits of token 1 now in the wallet.
    await ensureIssuance({ project, tokenId: 1, vintage: "2021", amount: "2.5", holder: address });
    const icrTransactionId = await pendingImport({
      userId: u.id,
      address,
      project,
      projectNum: "ARR-1",
      tokenId: 1,
      vintage: "2021",
      amount: "2.5",
    });
    expect(await getHoldings({ userId: u.id, address })).toEqual([]);

    await applyIcrTransaction({ id: icrTransactionId, state: "processed", txId: `0x${"ab".repeat(32)}` });

    expect((await getHoldings({ userId: u.id, address })).map((h) => h.amount)).toEqual(["2.5"]);
  });

  it("shows the credits of a project ICR listed after this process last read ICR's list", async () => {
    const u = await ensureCmUser({
      email: "arrived-new@test.local",
      name: "N",
      password: "password-123",
      pin: "123456",
    });
    const address = u.wallet!.address;
    await listedCreditContracts({ fresh: true }); // the list as it is now, kept for minutes
    const project = await ensureProject({ num: "ARR-3", fullName: "Newly listed project", countryCode: "IS" });
    projects = [...projects, { id: project.id, fullName: project.fullName, projectAddress: project.contractAddress }];
    await ensureIssuance({ project, tokenId: 1, vintage: "2022", amount: "1.5", holder: address });
    const icrTransactionId = await pendingImport({
      userId: u.id,
      address,
      project,
      projectNum: "ARR-3",
      tokenId: 1,
      vintage: "2022",
      amount: "1.5",
    });

    await applyIcrTransaction({ id: icrTransactionId, state: "processed", txId: `0x${"cd".repeat(32)}` });

    // Marked arrived in this commit, so the page stops listening: the holding must be there too.
    expect((await getHoldings({ userId: u.id, address })).map((h) => h.amount)).toEqual(["1.5"]);
  });

  it("reads the chain before its transaction: no database connection waits on a slow chain", async () => {
    const u = await ensureCmUser({
      email: "slow-chain@test.local",
      name: "S",
      password: "password-123",
      pin: "123456",
    });
    const address = u.wallet!.address;
    // The project of the test above (the wallet's list of ICR's contracts is kept for a while), token 2.
    const project = await ensureProject({ num: "ARR-1", fullName: "Arrival project", countryCode: "IS" });
    await ensureIssuance({ project, tokenId: 2, vintage: "2021", amount: "1", holder: address });
    const icrTransactionId = await pendingImport({
      userId: u.id,
      address,
      project,
      projectNum: "ARR-1",
      tokenId: 2,
      vintage: "2021",
      amount: "1",
    });
    // A chain whose balance reads wait until the test has looked at the database's open transactions.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let reading!: () => void;
    const balanceRead = new Promise<void>((r) => (reading = r));
    class SlowChain extends JsonRpcProvider {
      override async send(method: string, params: unknown[] | Record<string, unknown>): Promise<unknown> {
        if (method === "eth_call") {
          reading();
          await released;
        }
        return super.send(method, params);
      }
    }
    const g = globalThis as unknown as { chainProvider?: JsonRpcProvider };
    const real = g.chainProvider;
    g.chainProvider = new SlowChain(config().CHAIN_RPC_URL, undefined, { staticNetwork: true, batchMaxCount: 1 });
    try {
      const applied = applyIcrTransaction({ id: icrTransactionId, state: "processed", txId: `0x${"cd".repeat(32)}` });
      await balanceRead;
      const open = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'idle in transaction'`;
      release();
      await applied;
      expect(open[0].n).toBe(0);
      expect((await getHoldings({ userId: u.id, address })).map((h) => h.amount)).toEqual(["1"]);
    } finally {
      release();
      g.chainProvider?.destroy();
      g.chainProvider = real;
    }
  });
});
