import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUnits, Wallet } from "ethers";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { indexHoldings, readHolding, storeHolding, syncHolding } from "@/lib/carbonmark/portfolio/index-holdings";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { mintCredits } from "@/lib/registry/projects";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { anvilKey } from "@/lib/stack/chain";

// The chain is reached through a JSON-RPC proxy that refuses eth_getLogs over more than 1,000
// blocks, as Polygon RPC providers do; ICR's GET /projects is a stand-in listing the registry's contracts.
const MAX_SPAN = 1000;
let anvilUrl: string;
let rpc: Awaited<ReturnType<typeof startLocalServer>>;
let icr: Awaited<ReturnType<typeof startLocalServer>>;
const logSpans: { from: number; to: number; refused: boolean }[] = [];
/** When set, eth_call at a block more than this many below the head fails as on a node that keeps recent state only. */
let stateKeptBlocks: number | undefined;
/** When set, the next balanceOfBatch call waits at the proxy until `released`. */
let holdBalanceRead: { reached: () => void; released: Promise<void> } | undefined;
const BALANCE_OF_BATCH = "0x4e1273f4";

async function anvil(method: string, params: unknown[] = []) {
  const res = await fetch(anvilUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

beforeAll(async () => {
  anvilUrl = process.env.CHAIN_RPC_URL!;
  rpc = await startLocalServer(async (req, res) => {
    const call = JSON.parse(req.body) as {
      id: number;
      method: string;
      params: { fromBlock?: string; toBlock?: string }[];
    };
    if (call.method === "eth_call" && stateKeptBlocks !== undefined) {
      const tag = (call.params as unknown[])[1];
      const latest = Number(await anvil("eth_blockNumber"));
      if (typeof tag === "string" && tag.startsWith("0x") && Number(tag) < latest - stateKeptBlocks)
        return sendJson(res, 200, {
          jsonrpc: "2.0",
          id: call.id,
          error: {
            code: -32000,
            message: `missing trie node ${"ab".repeat(32)} (path ) state ${tag} is not available`,
          },
        });
    }
    if (call.method === "eth_call" && holdBalanceRead && JSON.stringify(call.params).includes(BALANCE_OF_BATCH)) {
      const hold = holdBalanceRead;
      holdBalanceRead = undefined;
      hold.reached();
      await hold.released;
    }
    if (call.method === "eth_getLogs") {
      const latest = Number(await anvil("eth_blockNumber"));
      const block = (tag?: string) =>
        tag === undefined || tag === "latest" ? latest : tag === "earliest" ? 0 : Number(tag);
      const from = block(call.params[0].fromBlock);
      const to = block(call.params[0].toBlock);
      const refused = to - from + 1 > MAX_SPAN;
      logSpans.push({ from, to, refused });
      if (refused)
        return sendJson(res, 200, {
          jsonrpc: "2.0",
          id: call.id,
          error: { code: -32005, message: `query exceeds max block range ${MAX_SPAN}` },
        });
    }
    const upstream = await fetch(anvilUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: req.body,
    });
    res.writeHead(upstream.status, { "content-type": "application/json" });
    res.end(await upstream.text());
  });
  icr = await startLocalServer(async (req, res) =>
    req.url === "/projects" ? sendIcrProjects(res) : sendJson(res, 404, { message: "unknown" }),
  );
  // Before anything reads the config: the app's provider and ICR client use these.
  process.env.CHAIN_RPC_URL = rpc.url;
  process.env.ICR_API_URL = icr.url;
  await anvil("anvil_mine", ["0x9c4"]); // 2,500 blocks of unrelated history
});
afterAll(async () => {
  await rpc.close();
  await icr.close();
});

const amounts = async (userId: string, address: string) =>
  (await getHoldings({ userId, address })).map((h) => [h.tokenId, h.amount]);

/** A user's wallet holding 5 of token 1 of a new project (indexed), with gas to send some away. */
async function walletHoldingFive(num: string, fullName: string) {
  const user = await ensureCmUser({ email: `${num}@test.local`, name: num, password: "password-123", pin: "123456" });
  const address = user.wallet!.address;
  const project = await ensureProject({ num, fullName, countryCode: "IS" });
  await ensureIssuance({ project, tokenId: 1, vintage: "2022", amount: "5", holder: address });
  const sender = new Wallet(anvilKey(8), provider());
  await (await sender.sendTransaction({ to: address, value: parseUnits("1", 18) })).wait();
  await indexHoldings({ freshList: true });
  const own = (await unlockWallet({ userId: user.id, pin: "123456" })).connect(provider());
  const sendAway = async (amount: string) => {
    const transfer = carbonCredit(project.contractAddress, own).safeTransferFrom(
      address,
      sender.address,
      1n,
      parseUnits(amount, 18),
      "0x",
    );
    await (await transfer).wait();
  };
  return { user, address, project, sendAway };
}

/** Until a statement on cm_holding waits for a lock (at most 10 s). */
async function waitForLockWait() {
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    const [{ waiting }] = await prisma.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%cm_holding%'`;
    if (waiting > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no statement waited for a lock within 10 s");
}

describe("the holdings indexer", () => {
  it("finds single and batch transfers to a wallet through an RPC that refuses eth_getLogs over 1,000 blocks", async () => {
    const user = await ensureCmUser({ email: "idx-1@test.local", name: "I", password: "password-123", pin: "123456" });
    const address = user.wallet!.address;
    const project = await ensureProject({ num: "idx-1", fullName: "Indexed Forest", countryCode: "IS" });
    await ensureIssuance({ project, tokenId: 1, vintage: "2021", amount: "5", holder: address });
    // A TransferBatch: someone holding tokens 2 and 3 sends both to the wallet in one call.
    const sender = new Wallet(anvilKey(8), provider());
    await mintCredits({ tokenAddress: project.contractAddress, tokenId: "2", to: sender.address, amount: "4" });
    await mintCredits({ tokenAddress: project.contractAddress, tokenId: "3", to: sender.address, amount: "4" });
    await (
      await carbonCredit(project.contractAddress, sender).safeBatchTransferFrom(
        sender.address,
        address,
        [2n, 3n],
        [parseUnits("1", 18), parseUnits("2.5", 18)],
        "0x",
      )
    ).wait();

    // Today's way (one eth_getLogs from block 0) is refused by this RPC:
    await expect(provider().getLogs({ fromBlock: 0, toBlock: "latest" })).rejects.toThrow(/max block range/);

    const pass = await indexHoldings();
    expect(pass!.ranges).toBeGreaterThanOrEqual(3);
    expect(await amounts(user.id, address)).toEqual([
      ["1", "5"],
      ["2", "1"],
      ["3", "2.5"],
    ]);
    expect((await getHoldings({ userId: user.id, address }))[0]).toMatchObject({
      projectName: "Indexed Forest",
      creditId: `exPost-1-${project.contractAddress}`,
    });
    expect(logSpans.filter((s) => !s.refused).every((s) => s.to - s.from + 1 <= MAX_SPAN)).toBe(true);

    // The next pass reads only the last few blocks (the cursor is in the database), and changes nothing.
    const before = logSpans.length;
    await indexHoldings();
    const head = Number(await anvil("eth_blockNumber"));
    expect(logSpans.slice(before).every((s) => s.from > head - 20)).toBe(true);
    expect(await amounts(user.id, address)).toEqual([
      ["1", "5"],
      ["2", "1"],
      ["3", "2.5"],
    ]);

    // A transfer out of the wallet lowers the holding; a token sent away entirely disappears.
    const own = (await unlockWallet({ userId: user.id, pin: "123456" })).connect(provider());
    await (await sender.sendTransaction({ to: address, value: parseUnits("1", 18) })).wait();
    await (
      await carbonCredit(project.contractAddress, own).safeTransferFrom(
        address,
        sender.address,
        2n,
        parseUnits("1", 18),
        "0x",
      )
    ).wait();
    await (
      await carbonCredit(project.contractAddress, own).safeTransferFrom(
        address,
        sender.address,
        3n,
        parseUnits("0.5", 18),
        "0x",
      )
    ).wait();
    await indexHoldings();
    expect(await amounts(user.id, address)).toEqual([
      ["1", "5"],
      ["3", "2"],
    ]);
  });

  it("keeps the balance a send stored while a pass was reading, though the pass started below that send's block", async () => {
    const { user, address, project, sendAway } = await walletHoldingFive("idx-3", "Racing Mangroves");
    expect(await amounts(user.id, address)).toEqual([["1", "5"]]);

    // A pass reads the head, then waits at its balance read (at that head) while the wallet sends 2
    // away in a new block and Carbonmark stores the new balance at once, as it does after its own sends.
    let reached!: () => void;
    let release!: () => void;
    const atRead = new Promise<void>((r) => (reached = r));
    holdBalanceRead = { reached, released: new Promise<void>((r) => (release = r)) };
    const pass = indexHoldings({ confirmations: 0 });
    await Promise.race([atRead, pass.then(() => Promise.reject(new Error("the pass read no balance")))]);
    await sendAway("2");
    await syncHolding({ userId: user.id, address, creditId: `exPost-1-${project.contractAddress}` });
    expect(await amounts(user.id, address)).toEqual([["1", "3"]]);

    // The pass stores what it read at its older block: the newer balance must stay.
    release();
    await pass;
    expect(await amounts(user.id, address)).toEqual([["1", "3"]]);
  });

  it("keeps the balance a send is storing while a pass stores its older read of the same holding", async () => {
    const { user, address, project, sendAway } = await walletHoldingFive("idx-5", "Locked Row Savanna");
    await sendAway("2");
    const later = await readHolding({ userId: user.id, address, creditId: `exPost-1-${project.contractAddress}` });

    // Carbonmark stores the balance after its send (3) and has not committed yet, when a pass reading
    // one block below the send stores the same holding (5): the pass must wait, then keep the 3.
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    const store = prisma.$transaction(async (db) => {
      await storeHolding(db, later!);
      await gate;
    });
    const pass = indexHoldings({ confirmations: 1 });
    await waitForLockWait();
    commit();
    await Promise.all([store, pass]);
    expect(await amounts(user.id, address)).toEqual([["1", "3"]]);
  });

  it("keeps the later read when a send and a pass store a holding not stored before, at once", async () => {
    const { user, address, project, sendAway } = await walletHoldingFive("idx-6", "First Store Delta");
    await prisma.cmHolding.deleteMany({ where: { userId: user.id } }); // as if never indexed
    await sendAway("1");
    const later = await readHolding({ userId: user.id, address, creditId: `exPost-1-${project.contractAddress}` });

    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    const store = prisma.$transaction(async (db) => {
      await storeHolding(db, later!);
      await gate;
    });
    const pass = indexHoldings({ confirmations: 1, rereadBlocks: 50 });
    await waitForLockWait();
    commit();
    await Promise.all([store, pass]);
    expect(await amounts(user.id, address)).toEqual([["1", "4"]]);
  });

  it("catches up after a long stop on a node that keeps only recent state: balances are read at the final block", async () => {
    const { user, address, sendAway } = await walletHoldingFive("idx-7", "Pruned Node Moor");
    await sendAway("1");
    // The indexer stopped for 600 blocks; the node answers state queries for the last 128 only.
    await anvil("anvil_mine", ["0x258"]);
    stateKeptBlocks = 128;
    try {
      await indexHoldings({ maxBlockRange: 200 });
    } finally {
      stateKeptBlocks = undefined;
    }
    expect(await amounts(user.id, address)).toEqual([["1", "4"]]);
  });

  it("keeps the later of two reads of one holding, whichever is stored last", async () => {
    const { user, address, project, sendAway } = await walletHoldingFive("idx-4", "Twin Sends Peatland");
    const creditId = `exPost-1-${project.contractAddress}`;

    // Two sends finish together: the first one's read (before the second send) commits last.
    const earlier = await readHolding({ userId: user.id, address, creditId });
    await sendAway("1.5");
    const later = await readHolding({ userId: user.id, address, creditId });
    await prisma.$transaction((db) => storeHolding(db, later!));
    await prisma.$transaction((db) => storeHolding(db, earlier!));
    expect(await amounts(user.id, address)).toEqual([["1", "3.5"]]);
  });

  it("survives a reorg: a transfer that left the chain is undone, its replacement counted", async () => {
    const user = await ensureCmUser({ email: "idx-2@test.local", name: "J", password: "password-123", pin: "123456" });
    const address = user.wallet!.address;
    const project = await ensureProject({ num: "idx-2", fullName: "Reorg Wetlands", countryCode: "IS" });
    await indexHoldings({ freshList: true }); // a project ICR just listed
    const tokenAddress = project.contractAddress;
    // Mints sent straight to the node, outside the stack's transaction log: a reorg may drop
    // them for good (the stack would replay its own logged transactions, lib/chain/replay-chain-log.ts).
    const operator = new Wallet(anvilKey(0), provider());
    const mintUnlogged = async (amount: string) => {
      await (await carbonCredit(tokenAddress, operator).mint(address, 7n, parseUnits(amount, 18))).wait();
    };

    const beforeMint = await anvil("evm_snapshot");
    await mintUnlogged("4");
    await indexHoldings();
    expect(await amounts(user.id, address)).toEqual([["7", "4"]]);

    // The block with that mint is replaced by another branch, where 6 credits arrive instead.
    await anvil("evm_revert", [beforeMint]);
    const branch = await anvil("evm_snapshot");
    await anvil("anvil_mine", ["0x2"]);
    await mintUnlogged("6");
    await indexHoldings();
    expect(await amounts(user.id, address)).toEqual([["7", "6"]]);

    // And a branch where nothing arrived at all.
    await anvil("evm_revert", [branch]);
    await anvil("anvil_mine", ["0x5"]);
    await indexHoldings();
    expect(await amounts(user.id, address)).toEqual([]);
    expect(await prisma.cmHolding.count({ where: { userId: user.id } })).toBe(0);
  });
});
