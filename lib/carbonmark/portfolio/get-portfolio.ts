import { prisma } from "@/lib/db";
import { CONFIRMING_LABEL, IMPORT_STATES } from "@/lib/carbonmark/imports/import-state";
import { refreshImports } from "@/lib/carbonmark/imports/refresh-imports";
import { getHoldings, type THolding } from "@/lib/carbonmark/portfolio/get-holdings";

export type TImportView = {
  id: string;
  projectName: string;
  serialization: string;
  vintage: string;
  amount: string;
  state: string;
  stateLabel: string;
  tone: "neutral" | "info" | "success" | "warning" | "danger";
  isInFlight: boolean;
  txId: string | null;
  lastError: string | null;
  createdAt: string;
  /** For a `transfer_retire` import: the beneficiary the credits are retired for on arrival. */
  retireFor: string | null;
};

export type TPortfolio = {
  address: string;
  holdings: THolding[];
  imports: TImportView[];
  hasInFlight: boolean;
  icrReachable: boolean;
  organizationName: string | null;
};

const RECENT_IMPORTS = 10;
/** A processed transfer counts as in flight until the indexer has seen it arrive (or for this long at most). */
const ARRIVAL_WAIT_MS = 10 * 60_000;

/**
 * An in-flight import that changed this recently is current (ICR's webhooks move it): the read asks
 * ICR only about the others, so the read that follows each live change costs a few indexed queries.
 */
const QUIET_BEFORE_ICR_MS = 10_000;

/** Everything the portfolio page shows; first asks ICR about in-flight imports no webhook moved lately (poll fallback). */
export async function getPortfolio(opts: { userId: string; address: string }): Promise<TPortfolio> {
  const { icrReachable } = await refreshImports({ userId: opts.userId, quietForMs: QUIET_BEFORE_ICR_MS });
  const [holdings, imports, connection] = await Promise.all([
    getHoldings(opts),
    prisma.cmImport.findMany({ where: { userId: opts.userId }, orderBy: { createdAt: "desc" }, take: RECENT_IMPORTS }),
    prisma.cmIcrConnection.findUnique({ where: { userId: opts.userId }, select: { organizationName: true } }),
  ]);
  // ICR says processed once its transfer is final; the credits show once the indexer has read that
  // final block. Until both, the row says it is confirming (docs/finality.md).
  const isConfirming = (i: (typeof imports)[number]) =>
    i.state === "processed" &&
    i.action === "transfer" &&
    !!i.txId &&
    !i.arrivedAt &&
    Date.now() - i.updatedAt.getTime() < ARRIVAL_WAIT_MS;
  const views: TImportView[] = imports.map((i) => ({
    id: i.id,
    projectName: i.projectName,
    serialization: i.serialization,
    vintage: i.vintage,
    amount: i.amount.toString(),
    state: i.state,
    stateLabel: isConfirming(i)
      ? CONFIRMING_LABEL
      : i.action === "transfer_retire" && i.state === "processed"
        ? `Retired on arrival for ${i.beneficiaryName ?? ""}`
        : IMPORT_STATES[i.state].label,
    tone: isConfirming(i) ? "info" : IMPORT_STATES[i.state].tone,
    isInFlight: isConfirming(i) || IMPORT_STATES[i.state].isInFlight,
    txId: i.txId,
    lastError: i.lastError,
    createdAt: i.createdAt.toISOString(),
    retireFor: i.action === "transfer_retire" ? i.beneficiaryName : null,
  }));
  // The credits of a processed import show once the indexer stored them: until then, keep watching.
  const awaitingArrival = imports.some(isConfirming);
  return {
    address: opts.address,
    holdings,
    imports: views,
    hasInFlight: awaitingArrival || views.some((v) => v.isInFlight),
    icrReachable,
    organizationName: connection?.organizationName ?? null,
  };
}
