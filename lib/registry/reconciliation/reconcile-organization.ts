import { getAddress, Interface, type Log } from "ethers";
import { fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { finalBlock } from "@/lib/chain/finality";
import { provider } from "@/lib/chain/provider";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { signedDecimal, type TDifference, type TGapReason } from "@/lib/reconciliation/gap";
import { raiseReconciliationAlert, type TGapAlert } from "@/lib/reconciliation/reconciliation-alert";
import { forbidden, notFound } from "@/lib/registry/api/errors";
import { balanceKey, readBalances } from "@/lib/registry/inventory/chain-balances";
import { RESERVING_STATES } from "@/lib/registry/inventory/reserved";
import { ICR_MAIL_QUEUE } from "@/lib/registry/mail/mail-queue";

/** What each reason means to an organization's admin. */
export const ORG_GAP_REASONS: Record<TGapReason, { label: string; help: string }> = {
  awaiting_approval: {
    label: "Awaiting approval",
    help: "A request waits for an admin to accept or decline it; its credits are reserved, nothing has moved.",
  },
  not_final: {
    label: "Not yet final",
    help: "Accepted and on its way, or on chain but not yet deep enough to be final (docs/finality.md).",
  },
  webhook_not_received: {
    label: "Webhook not yet delivered",
    help: "The registry has finished a request but the app that made it has not yet acknowledged the webhook.",
  },
  unexplained: {
    label: "Unexplained",
    help: "No request, issuance or deposit explains this difference. The operator has been alerted; nothing was changed.",
  },
};

export type TOrgAssetReconciliation = {
  creditId: string;
  projectName: string;
  serialization: string | null;
  vintage: string | null;
  /** What the inventory API and page say now: held at the latest block, reserved by requests, available. */
  inventory: { amount: string; reserved: string; available: string };
  /** Σ balances of the organization's addresses at the final block. */
  chain: string;
  /** The registry's ledger: Σ credits received in final blocks − Σ processed requests (transfers and retirements). */
  ledger: string;
  agrees: boolean;
  differences: TDifference[];
};

export type TOrgReconciliation = {
  organizationName: string;
  headBlock: number;
  finalBlock: number;
  assets: TOrgAssetReconciliation[];
  unexplained: number;
};

const iface = new Interface(CARBON_CREDIT_ABI);
const TRANSFER_SINGLE = iface.getEvent("TransferSingle")!.topicHash;
const TRANSFER_BATCH = iface.getEvent("TransferBatch")!.topicHash;
/** The most eth_getLogs ranges one reconciliation reads (× INDEXER_MAX_BLOCK_RANGE blocks). */
const MAX_RANGES = 2_000;

type TMove = {
  txHash: string;
  logIndex: number;
  batchIndex: number;
  key: string;
  direction: "in" | "out";
  counterparty: string;
  units: bigint;
  blockNumber: number;
};

const pairKey = (tokenAddress: string, tokenId: string) => `${tokenAddress.toLowerCase()}|${tokenId}`;

/**
 * Moves in final blocks never change, so each process keeps them per (contracts, addresses) up to
 * the final block it read them at: a visit reads only the blocks after that. At most this many sets.
 */
const KEPT_MOVE_SETS = 200;
const keptMoves = new Map<string, { upTo: number; moves: TMove[] }>();

/** Every transfer into or out of the addresses in [0, head] (moves between them left out): the kept final ones, then the rest read. */
async function movesUpTo(contracts: string[], addresses: Set<string>, final: number, head: number): Promise<TMove[]> {
  if (!contracts.length || !addresses.size || head < 0) return [];
  const key = JSON.stringify([[...contracts].sort(), [...addresses].sort()]);
  const kept = keptMoves.get(key);
  const known = kept && kept.upTo <= final ? kept : { upTo: -1, moves: [] };
  const moves = [...known.moves, ...(await readMoves(contracts, addresses, known.upTo + 1, head))];
  keptMoves.delete(key);
  if (final >= 0) keptMoves.set(key, { upTo: final, moves: moves.filter((m) => m.blockNumber <= final) });
  if (keptMoves.size > KEPT_MOVE_SETS) keptMoves.delete(keptMoves.keys().next().value!);
  return moves;
}

/** Every transfer into or out of the addresses in [start, head], read in bounded ranges (moves between them left out). */
async function readMoves(contracts: string[], addresses: Set<string>, start: number, head: number): Promise<TMove[]> {
  const step = config().INDEXER_MAX_BLOCK_RANGE;
  if (Math.ceil((head - start + 1) / step) > MAX_RANGES)
    throw new Error(`The chain is too long to reconcile in one read (${head - start + 1} blocks)`);
  const topics = [...addresses].map((a) => `0x${a.slice(2).padStart(64, "0")}`);
  const logs = new Map<string, Log>();
  for (let from = start; from <= head; from += step) {
    const range = { address: contracts, fromBlock: from, toBlock: Math.min(head, from + step - 1) };
    const [sent, received] = await Promise.all([
      provider().getLogs({ ...range, topics: [[TRANSFER_SINGLE, TRANSFER_BATCH], null, topics] }),
      provider().getLogs({ ...range, topics: [[TRANSFER_SINGLE, TRANSFER_BATCH], null, null, topics] }),
    ]);
    for (const log of [...sent, ...received]) logs.set(`${log.transactionHash}:${log.index}`, log);
  }
  const moves: TMove[] = [];
  for (const log of [...logs.values()].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index)) {
    const parsed = iface.parseLog(log);
    if (!parsed) continue;
    const from = (parsed.args.from as string).toLowerCase();
    const to = (parsed.args.to as string).toLowerCase();
    if (addresses.has(from) === addresses.has(to)) continue; // between the organization's own addresses
    const ids: bigint[] = parsed.name === "TransferSingle" ? [parsed.args.id as bigint] : [...parsed.args.ids];
    const values: bigint[] =
      parsed.name === "TransferSingle" ? [parsed.args.value as bigint] : [...(parsed.args[4] as bigint[])];
    const incoming = addresses.has(to);
    ids.forEach((id, batchIndex) =>
      moves.push({
        txHash: log.transactionHash.toLowerCase(),
        logIndex: log.index,
        batchIndex,
        key: pairKey(log.address, id.toString()),
        direction: incoming ? "in" : "out",
        counterparty: getAddress(incoming ? from : to),
        units: values[batchIndex],
        blockNumber: log.blockNumber,
      }),
    );
  }
  return moves;
}

/** Only admins of the organization reconcile it: anyone else gets a 404 (not a member) or a 403 (a member). */
async function assertAdmin(organizationId: string, userId: string) {
  const membership = await prisma.icrMembership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    include: { organization: { select: { fullName: true } } },
  });
  if (!membership) throw notFound(`Organization ${organizationId} not found`);
  if (membership.role !== "admin") throw forbidden("Only an admin of this organization can see its reconciliation.");
  return membership.organization;
}

/**
 * The organization's reconciliation, per credit, of three views that must agree: the registry's
 * inventory (balances at the latest block minus what requests reserve, as the inventory API says),
 * the chain (balances of its addresses at the final block) and the registry's ledger (credits
 * received in final blocks minus its processed requests). Every difference is itemized with its
 * reason; what nothing explains raises an alert (once per gap) and is left as it is.
 */
export async function reconcileOrganization(opts: {
  organizationId: string;
  userId: string;
}): Promise<TOrgReconciliation> {
  const { organizationId } = opts;
  const organization = await assertAdmin(organizationId, opts.userId);
  // One snapshot of the chain: the final block first, then the head (so final ≤ head).
  const final = await finalBlock({ fresh: true });
  const head = await provider().getBlockNumber();
  const [addressRows, credits] = await Promise.all([
    prisma.icrOrgAddress.findMany({ where: { organizationId }, select: { address: true } }),
    prisma.icrCredit.findMany({
      include: { project: { select: { fullName: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const addresses = addressRows.map((a) => a.address);
  const tokens = credits.map((c) => ({ tokenAddress: c.tokenAddress, tokenId: c.tokenId }));
  const contracts = [...new Set(credits.map((c) => getAddress(c.tokenAddress)))];
  const [atHead, atFinal, moves] = await Promise.all([
    readBalances(addresses, tokens, head),
    final >= 0 ? readBalances(addresses, tokens, final) : new Map<string, bigint>(),
    movesUpTo(contracts, new Set(addresses.map((a) => a.toLowerCase())), final, head),
  ]);
  // Requests are read after the chain: one finished since is still judged by the chain as read.
  const requests = await prisma.icrCreditRequest.findMany({
    where: { organizationId, state: { in: [...RESERVING_STATES, "processed"] } },
    select: {
      id: true,
      action: true,
      creditId: true,
      tokenAddress: true,
      tokenId: true,
      amount: true,
      state: true,
      txId: true,
    },
    orderBy: { createdAt: "asc" },
  });

  type TAcc = {
    creditId: string;
    projectName: string;
    serialization: string | null;
    vintage: string | null;
    held: bigint;
    reserved: bigint;
    chain: bigint;
    ledger: bigint;
    /** Σ signed final moves the ledger does not hold (itemized). */
    chainOnly: bigint;
    /** Σ signed non-final moves (itemized). */
    recent: bigint;
    diffs: TDifference[];
  };
  const assets = new Map<string, TAcc>();
  const asset = (key: string) => {
    let a = assets.get(key);
    if (!a) {
      const [tokenAddress, tokenId] = key.split("|");
      a = {
        creditId: `exPost-${tokenId}-${getAddress(tokenAddress)}`,
        projectName: getAddress(tokenAddress),
        serialization: null,
        vintage: null,
        held: 0n,
        reserved: 0n,
        chain: 0n,
        ledger: 0n,
        chainOnly: 0n,
        recent: 0n,
        diffs: [],
      };
      assets.set(key, a);
    }
    return a;
  };
  const diff = (a: TAcc, d: Omit<TDifference, "amount"> & { units: bigint }) =>
    a.diffs.push({
      reason: d.reason,
      amount: fromBaseUnits(d.units < 0n ? -d.units : d.units),
      direction: d.direction,
      txHash: d.txHash,
      icrRequestId: d.icrRequestId,
      detail: d.detail,
    });

  for (const c of credits) {
    const a = asset(pairKey(c.tokenAddress, c.tokenId));
    Object.assign(a, {
      creditId: c.id,
      projectName: c.project.fullName,
      serialization: c.serialization,
      vintage: c.vintage,
    });
    for (const addr of addresses) {
      a.held += atHead.get(balanceKey(addr, c.tokenAddress, c.tokenId)) ?? 0n;
      a.chain += atFinal.get(balanceKey(addr, c.tokenAddress, c.tokenId)) ?? 0n;
    }
  }

  // Inventory − chain: what requests reserve, and what moved in blocks not yet final.
  const what = (action: string) => (action === "transfer" ? "Transfer" : "Retirement");
  for (const r of requests.filter((r) => r.state !== "processed")) {
    const a = asset(pairKey(r.tokenAddress, r.tokenId));
    const units = toBaseUnits(r.amount.toFixed());
    a.reserved += units;
    diff(a, {
      units,
      direction: "out",
      icrRequestId: r.id,
      txHash: r.state === "pending_request" ? null : r.txId,
      ...(r.state === "pending_request"
        ? { reason: "awaiting_approval", detail: `${what(r.action)} requested, waiting for an admin (reserved)` }
        : { reason: "not_final", detail: `${what(r.action)} accepted, on its way (${r.state}; reserved)` }),
    });
  }
  for (const m of moves.filter((m) => m.blockNumber > final)) {
    const a = asset(m.key);
    a.recent += m.direction === "in" ? m.units : -m.units;
    diff(a, {
      units: m.units,
      direction: m.direction,
      txHash: m.txHash,
      icrRequestId: null,
      reason: "not_final",
      detail: `${m.direction === "in" ? "From" : "To"} ${m.counterparty} in block ${m.blockNumber}; final at block ${final} and below`,
    });
  }

  // Chain − ledger: credits received count as they are final; a move out must be a processed request.
  const finalMoves = moves.filter((m) => m.blockNumber <= final);
  const finalTx = new Set(finalMoves.map((m) => m.txHash));
  const seenTx = new Set(moves.map((m) => m.txHash));
  const processedTx = new Set<string>();
  const inFlightTx = new Map<string, string>();
  for (const r of requests) {
    const tx = r.txId?.toLowerCase();
    if (r.state !== "processed") {
      if (tx) inFlightTx.set(tx, r.id);
      continue;
    }
    if (tx && seenTx.has(tx) && !finalTx.has(tx)) continue; // finished after the snapshot's final block: itemized above
    if (tx && !seenTx.has(tx)) {
      const receipt = await provider().getTransactionReceipt(tx);
      if (receipt && receipt.blockNumber > head) continue; // mined after the snapshot
    }
    if (tx) processedTx.add(tx);
    asset(pairKey(r.tokenAddress, r.tokenId)).ledger -= toBaseUnits(r.amount.toFixed());
  }
  const alerts: TGapAlert[] = [];
  const alert = (key: string, lines: [string, string][]) =>
    alerts.push({
      side: "icr",
      key: `${organizationId}:${key}`,
      subject: organization.fullName,
      lines: [["Organization", `${organization.fullName} (${organizationId})`], ...lines],
      mail: { table: "icr_mail_outbox", queue: ICR_MAIL_QUEUE },
    });
  for (const m of finalMoves) {
    const a = asset(m.key);
    if (m.direction === "in") {
      a.ledger += m.units;
      continue;
    }
    if (processedTx.has(m.txHash)) continue;
    a.chainOnly -= m.units;
    const requestId = inFlightTx.get(m.txHash);
    const base = { units: m.units, direction: m.direction, txHash: m.txHash };
    if (requestId) {
      diff(a, {
        ...base,
        icrRequestId: requestId,
        reason: "not_final",
        detail: `Moved on chain in block ${m.blockNumber}; the registry has not yet marked the request processed`,
      });
      continue;
    }
    diff(a, {
      ...base,
      icrRequestId: null,
      reason: "unexplained",
      detail: `Moved to ${m.counterparty} in block ${m.blockNumber}, and no request of the organization explains it`,
    });
    alert(`${m.txHash}:${m.logIndex}:${m.batchIndex}`, [
      ["Credit", a.creditId],
      ["Amount (tCO₂e)", fromBaseUnits(m.units)],
      ["To", m.counterparty],
      ["Transaction", m.txHash],
      ["Block", String(m.blockNumber)],
    ]);
  }

  // Whatever the itemized differences do not account for (a balance changed with no transfer, an amount that differs).
  for (const a of assets.values()) {
    const residuals = [
      { units: a.held - a.chain - a.recent, view: "head", between: "inventory's balance and the final chain" },
      { units: a.chain - a.ledger - a.chainOnly, view: "ledger", between: "final chain and the registry's ledger" },
    ];
    for (const { units, view, between } of residuals) {
      if (units === 0n) continue;
      diff(a, {
        units,
        direction: units > 0n ? "in" : "out",
        txHash: null,
        icrRequestId: null,
        reason: "unexplained",
        detail: `The ${between} differ by this much, and no transfer explains it`,
      });
      alert(`${a.creditId}:residual-${view}:${a.held}:${a.chain}:${a.ledger}`, [
        ["Credit", a.creditId],
        ["Inventory (held)", signedDecimal(a.held)],
        ["Chain (final)", signedDecimal(a.chain)],
        ["Ledger", signedDecimal(a.ledger)],
        ["Differs between", between],
      ]);
    }
  }
  for (const a of alerts) await raiseReconciliationAlert(a);

  const list = [...assets.values()]
    .filter((a) => a.held !== 0n || a.chain !== 0n || a.ledger !== 0n || a.reserved !== 0n || a.diffs.length)
    .sort((x, y) => x.projectName.localeCompare(y.projectName) || x.creditId.localeCompare(y.creditId))
    .map((a) => ({
      creditId: a.creditId,
      projectName: a.projectName,
      serialization: a.serialization,
      vintage: a.vintage,
      inventory: {
        amount: signedDecimal(a.held),
        reserved: signedDecimal(a.reserved),
        available: signedDecimal(a.held > a.reserved ? a.held - a.reserved : 0n),
      },
      chain: signedDecimal(a.chain),
      ledger: signedDecimal(a.ledger),
      agrees: a.diffs.length === 0,
      differences: a.diffs,
    }));
  return {
    organizationName: organization.fullName,
    headBlock: head,
    finalBlock: final,
    assets: list,
    unexplained: list.reduce((n, a) => n + a.differences.filter((d) => d.reason === "unexplained").length, 0),
  };
}
