import { fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { finalBlock } from "@/lib/chain/finality";
import { prisma } from "@/lib/db";
import type { CmTransfer } from "@/lib/generated/prisma/client";
import { CM_MAIL_QUEUE } from "@/lib/carbonmark/mail/mail-queue";
import { IN_FLIGHT_STATES } from "@/lib/carbonmark/imports/import-state";
import { parseCreditId, toCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { IcrApiError } from "@/lib/icr/errors";
import type { TIcrTransaction } from "@/lib/icr/schemas";
import { getTransaction } from "@/lib/icr/transactions";
import { IcrNotConnectedError, withInstallationToken } from "@/lib/icr/token-store";
import { signedDecimal, type TDifference, type TGapReason } from "@/lib/reconciliation/gap";
import { raiseReconciliationAlert } from "@/lib/reconciliation/reconciliation-alert";

export const GAP_REASONS: Record<TGapReason, { label: string; help: string }> = {
  awaiting_approval: {
    label: "Awaiting approval",
    help: "An import request waits for an ICR admin to accept it; nothing has moved yet.",
  },
  not_final: {
    label: "Not yet final",
    help: "A transfer is on its way or not yet deep enough in the chain to be final.",
  },
  webhook_not_received: {
    label: "Webhook not yet received",
    help: "ICR has finished a request but Carbonmark has not yet heard; it will on ICR's next delivery or poll.",
  },
  unexplained: {
    label: "Unexplained",
    help: "Nothing known explains this difference. The operator has been alerted; nothing was changed.",
  },
};

export type TAssetReconciliation = {
  creditId: string;
  projectName: string;
  /** The wallet's balance at the indexed block. */
  chain: string;
  /** Σ arrived imports − sent exports − retirements (Carbonmark's own records). */
  ledger: string;
  /** Σ of the user's import requests ICR says are processed; null when not connected. */
  icr: string | null;
  agrees: boolean;
  differences: TDifference[];
};

export type TUserReconciliation = {
  indexedBlock: number | null;
  finalBlock: number;
  /** null while connected (the ICR view is shown); else why it is missing. */
  icrUnavailable: string | null;
  assets: TAssetReconciliation[];
  unexplained: number;
};

/** What ICR says of the user's in-flight imports (by ICR request id); throws IcrNotConnectedError when not connected. */
export type TAskIcr = (
  userId: string,
  requests: { icrTransactionId: string; organizationId: string }[],
) => Promise<Map<string, TIcrTransaction>>;

const askIcrWithUserToken: TAskIcr = async (userId, requests) => {
  const answers = new Map<string, TIcrTransaction>();
  if (!(await prisma.cmIcrConnection.findUnique({ where: { userId } }))) throw new IcrNotConnectedError();
  if (!requests.length) return answers;
  await withInstallationToken({ userId }, async (s) => {
    for (const r of requests)
      answers.set(
        r.icrTransactionId,
        await getTransaction({ token: s.token, organizationId: r.organizationId, transactionId: r.icrTransactionId }),
      );
  });
  return answers;
};

const key = (creditId: string) => creditId.toLowerCase();

/**
 * The user's reconciliation, per asset, of three views: the chain (the wallet's balance as the
 * holdings indexer read it), Carbonmark's ledger, and ICR's word on the user's requests (asked now
 * with the user's own installation token, for the requests still in flight; for the others the
 * ledger holds ICR's last word). Every difference is itemized with its reason; what no reason
 * explains raises an alert and is left as it is.
 */
export async function reconcileUser(userId: string, opts: { askIcr?: TAskIcr } = {}): Promise<TUserReconciliation> {
  const user = await prisma.cmUser.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const final = await finalBlock();
  const [holdings, imports, exports, retirements] = await Promise.all([
    prisma.cmHolding.findMany({ where: { userId } }),
    prisma.cmImport.findMany({
      where: { userId, action: "transfer", state: { notIn: ["rejected", "failed", "cancelled"] } },
      select: {
        id: true,
        creditId: true,
        projectName: true,
        amount: true,
        state: true,
        txId: true,
        arrivedAt: true,
        icrTransactionId: true,
        organizationId: true,
      },
    }),
    prisma.cmExport.findMany({
      where: { userId, status: { in: ["sent", "confirmed"] } },
      select: { creditId: true, amount: true, txHash: true },
    }),
    prisma.cmRetirement.findMany({
      where: { userId, status: { in: ["sent", "confirmed"] } },
      select: { creditId: true, amount: true, txHash: true },
    }),
  ]);
  const appHashes = new Set(
    [...imports.map((i) => i.txId), ...exports.map((e) => e.txHash), ...retirements.map((r) => r.txHash)]
      .filter((h): h is string => !!h)
      .map((h) => h.toLowerCase()),
  );
  // Transfers the app has no record of, transfers not yet final (both few), and which of the
  // app's transactions the indexer has seen.
  const [unknownTransfers, recentTransfers, seenHashes, cursor] = await Promise.all([
    prisma.$queryRaw<CmTransfer[]>`
      SELECT t.* FROM cm_transfer t
      WHERE t."userId" = ${userId}::uuid
        AND NOT EXISTS (SELECT 1 FROM cm_import i WHERE i."userId" = t."userId" AND i.action = 'transfer'
                        AND i.state NOT IN ('rejected', 'failed', 'cancelled') AND lower(i."txId") = t."txHash")
        AND NOT EXISTS (SELECT 1 FROM cm_export e WHERE e."userId" = t."userId" AND e.status IN ('sent', 'confirmed')
                        AND lower(e."txHash") = t."txHash")
        AND NOT EXISTS (SELECT 1 FROM cm_retirement r WHERE r."userId" = t."userId" AND r.status IN ('sent', 'confirmed')
                        AND lower(r."txHash") = t."txHash")
      ORDER BY t."blockNumber", t."logIndex", t."batchIndex"`,
    prisma.cmTransfer.findMany({ where: { userId, blockNumber: { gt: final } }, orderBy: { blockNumber: "asc" } }),
    prisma.$queryRaw<{ txHash: string }[]>`
      SELECT DISTINCT "txHash" FROM cm_transfer WHERE "userId" = ${userId}::uuid AND direction = 'out'`,
    prisma.cmIndexCursor.aggregate({ _min: { block: true } }),
  ]);
  const onChain = new Set(seenHashes.map((s) => s.txHash));

  // ICR's word on the requests still in flight.
  const inFlight = imports.filter((i) => IN_FLIGHT_STATES.includes(i.state) && i.icrTransactionId);
  let icrUnavailable: string | null = null;
  let icrAnswers = new Map<string, TIcrTransaction>();
  try {
    icrAnswers = await (opts.askIcr ?? askIcrWithUserToken)(
      userId,
      inFlight.map((i) => ({ icrTransactionId: i.icrTransactionId!, organizationId: i.organizationId })),
    );
  } catch (err) {
    if (err instanceof IcrNotConnectedError)
      icrUnavailable =
        "Your account is not connected to ICR, so ICR's view of your requests cannot be asked for. Connect to ICR to see it.";
    else if (err instanceof IcrApiError)
      icrUnavailable = `ICR did not answer just now (${err.message}); try again later.`;
    else throw err;
  }

  type TAcc = {
    creditId: string;
    projectName: string;
    chain: bigint;
    ledger: bigint;
    icr: bigint;
    diffs: TDifference[];
    chainOnly: bigint;
    ledgerOnly: bigint;
  };
  const assets = new Map<string, TAcc>();
  const asset = (creditId: string, projectName?: string) => {
    let a = assets.get(key(creditId));
    if (!a) {
      a = {
        creditId,
        projectName: projectName ?? parseCreditId(creditId)?.tokenAddress ?? creditId,
        chain: 0n,
        ledger: 0n,
        icr: 0n,
        diffs: [],
        chainOnly: 0n,
        ledgerOnly: 0n,
      };
      assets.set(key(creditId), a);
    } else if (projectName && a.projectName === (parseCreditId(creditId)?.tokenAddress ?? creditId))
      a.projectName = projectName;
    return a;
  };
  const units = (d: { toFixed(): string }) => toBaseUnits(d.toFixed());
  const diff = (a: TAcc, d: Omit<TDifference, "amount"> & { units: bigint }) =>
    a.diffs.push({ ...d, amount: fromBaseUnits(d.units < 0n ? -d.units : d.units) });

  for (const h of holdings)
    asset(toCreditId(h.tokenAddress, h.tokenId), h.projectName).chain += BigInt(h.amount.toFixed(0));
  for (const e of exports) {
    const a = asset(e.creditId);
    a.ledger -= units(e.amount);
    if (!e.txHash || !onChain.has(e.txHash.toLowerCase())) {
      a.ledgerOnly -= units(e.amount);
      diff(a, {
        reason: "not_final",
        units: units(e.amount),
        direction: "out",
        txHash: e.txHash,
        icrRequestId: null,
        detail: "Export sent, not yet seen on chain",
      });
    }
  }
  for (const r of retirements) {
    const a = asset(r.creditId);
    a.ledger -= units(r.amount);
    if (!r.txHash || !onChain.has(r.txHash.toLowerCase())) {
      a.ledgerOnly -= units(r.amount);
      diff(a, {
        reason: "not_final",
        units: units(r.amount),
        direction: "out",
        txHash: r.txHash,
        icrRequestId: null,
        detail: "Retirement sent, not yet seen on chain",
      });
    }
  }
  const explainedByIcr = new Set<string>();
  for (const i of imports) {
    const a = asset(i.creditId, i.projectName);
    const amount = units(i.amount);
    if (i.arrivedAt) a.ledger += amount;
    const icr = i.icrTransactionId ? icrAnswers.get(i.icrTransactionId) : undefined;
    const icrState = icr?.state ?? i.state;
    if (icrState === "processed") a.icr += amount;
    const base = { units: amount, direction: "in" as const, icrRequestId: i.icrTransactionId };
    if (icr && icr.state === "processed" && i.state !== "processed") {
      if (icr.txId) explainedByIcr.add(icr.txId.toLowerCase());
      diff(a, {
        ...base,
        reason: "webhook_not_received",
        txHash: icr.txId ?? null,
        detail: "ICR says processed; Carbonmark still shows it in flight",
      });
    } else if (icr && ["rejected", "failed"].includes(icr.state)) {
      diff(a, {
        ...base,
        reason: "webhook_not_received",
        txHash: null,
        detail: `ICR says ${icr.state}; Carbonmark still shows it in flight`,
      });
    } else if (icrState === "pending_request" || icrState === "requested") {
      diff(a, {
        ...base,
        reason: "awaiting_approval",
        txHash: null,
        detail: "Import requested, waiting for an ICR admin",
      });
    } else if (icrState !== "processed") {
      diff(a, { ...base, reason: "not_final", txHash: i.txId, detail: "Import approved, on its way" });
    } else if (!i.arrivedAt) {
      diff(a, {
        ...base,
        reason: "not_final",
        txHash: i.txId,
        detail: "Import processed on ICR, not yet seen in the wallet",
      });
    }
  }
  // Transfers the app never recorded: a request whose webhook is missing, or nothing known at all.
  const alerts: Parameters<typeof raiseReconciliationAlert>[0][] = [];
  for (const t of unknownTransfers) {
    const a = asset(toCreditId(t.tokenAddress, t.tokenId));
    const signed = t.direction === "in" ? BigInt(t.amount.toFixed(0)) : -BigInt(t.amount.toFixed(0));
    a.chainOnly += signed;
    if (explainedByIcr.has(t.txHash)) continue; // itemized above as webhook_not_received
    const d = { units: signed, direction: t.direction as "in" | "out", txHash: t.txHash, icrRequestId: null };
    if (t.blockNumber > final) {
      diff(a, {
        ...d,
        reason: "not_final",
        detail: `Transfer in block ${t.blockNumber}, not yet final and not recorded by Carbonmark`,
      });
      continue;
    }
    diff(a, {
      ...d,
      reason: "unexplained",
      detail: `Transfer ${t.direction === "in" ? "from" : "to"} ${t.counterparty} in block ${t.blockNumber} that no request, export or retirement explains`,
    });
    alerts.push({
      side: "carbonmark",
      key: `${userId}:${t.txHash}:${t.logIndex}:${t.batchIndex}`,
      subject: user.email,
      lines: [
        ["User", user.email],
        ["Credit", a.creditId],
        ["Direction", t.direction],
        ["Amount (tCO₂e)", fromBaseUnits(BigInt(t.amount.toFixed(0)))],
        ["Transaction", t.txHash],
        ["Block", String(t.blockNumber)],
      ],
      mail: { table: "cm_mail_outbox", queue: CM_MAIL_QUEUE },
    });
  }
  // Known transfers not yet final (the app recorded them; the chain may still drop them).
  for (const t of recentTransfers) {
    if (!appHashes.has(t.txHash)) continue; // itemized above
    const a = asset(toCreditId(t.tokenAddress, t.tokenId));
    diff(a, {
      units: BigInt(t.amount.toFixed(0)),
      direction: t.direction as "in" | "out",
      txHash: t.txHash,
      icrRequestId: null,
      reason: "not_final",
      detail: `In block ${t.blockNumber}; final at block ${final} and below`,
    });
  }
  // Whatever the itemized differences do not account for (history missing, an amount that differs).
  for (const a of assets.values()) {
    const residual = a.chain - a.ledger - (a.chainOnly - a.ledgerOnly);
    if (residual === 0n) continue;
    diff(a, {
      units: residual,
      direction: residual > 0n ? "in" : "out",
      txHash: null,
      icrRequestId: null,
      reason: "unexplained",
      detail: "The wallet's balance and Carbonmark's records differ by this much, and no transfer explains it",
    });
    alerts.push({
      side: "carbonmark",
      key: `${userId}:${a.creditId}:residual:${a.chain}:${a.ledger}`,
      subject: user.email,
      lines: [
        ["User", user.email],
        ["Credit", a.creditId],
        ["Chain", fromBaseUnits(a.chain < 0n ? -a.chain : a.chain)],
        ["Ledger", a.ledger < 0n ? `-${fromBaseUnits(-a.ledger)}` : fromBaseUnits(a.ledger)],
      ],
      mail: { table: "cm_mail_outbox", queue: CM_MAIL_QUEUE },
    });
  }
  for (const alert of alerts) await raiseReconciliationAlert(alert);

  const list = [...assets.values()]
    .filter((a) => a.chain !== 0n || a.ledger !== 0n || a.icr !== 0n || a.diffs.length)
    .sort((x, y) => x.projectName.localeCompare(y.projectName) || x.creditId.localeCompare(y.creditId))
    .map((a) => ({
      creditId: a.creditId,
      projectName: a.projectName,
      chain: signedDecimal(a.chain),
      ledger: signedDecimal(a.ledger),
      icr: icrUnavailable ? null : signedDecimal(a.icr),
      agrees: a.diffs.length === 0,
      differences: a.diffs,
    }));
  return {
    indexedBlock: cursor._min.block,
    finalBlock: final,
    icrUnavailable,
    assets: list,
    unexplained: list.reduce((n, a) => n + a.differences.filter((d) => d.reason === "unexplained").length, 0),
  };
}
