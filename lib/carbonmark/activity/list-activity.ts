import { prisma } from "@/lib/db";
import { EXPORT_STATES } from "@/lib/carbonmark/activity/activity-states";
import { IMPORT_STATES } from "@/lib/carbonmark/imports/import-state";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { RETIREMENT_STAGES, retirementStage } from "@/lib/carbonmark/retirements/retirement-status";

export type TActivityKind = "import" | "export" | "retirement";

/** One line of the user's history: what moved, when, where it stands, and its transaction. */
export type TActivity = {
  id: string;
  kind: TActivityKind;
  at: string;
  amount: string;
  projectName: string;
  serialization: string;
  stateLabel: string;
  tone: "neutral" | "info" | "success" | "warning" | "danger";
  txHash: string | null;
  /** Carbonmark's own page for it (retirements), else null. */
  href: string | null;
  /** The ICR retirement it became (a retirement, or an import retired on arrival once ICR lists it). */
  icrRetirementId: string | null;
  detail: string | null;
};

/** The user's imports, exports and retirements in one list, newest first (at most `take`). */
export async function listActivity(opts: { userId: string; take?: number }): Promise<TActivity[]> {
  const take = opts.take ?? 50;
  const newest = { orderBy: { createdAt: "desc" as const }, take };
  const [imports, exports, retirements] = await Promise.all([
    prisma.cmImport.findMany({ where: { userId: opts.userId }, ...newest }),
    prisma.cmExport.findMany({ where: { userId: opts.userId }, ...newest }),
    prisma.cmRetirement.findMany({ where: { userId: opts.userId }, ...newest }),
  ]);
  // Names of credits come from the imports that brought them; others show their contract.
  const known = await prisma.cmImport.findMany({
    where: { userId: opts.userId, creditId: { in: [...new Set([...exports, ...retirements].map((r) => r.creditId))] } },
    select: { creditId: true, projectName: true, serialization: true },
    distinct: ["creditId"],
  });
  const names = new Map(known.map((k) => [k.creditId, k]));
  const nameOf = (creditId: string) =>
    names.get(creditId) ?? { projectName: parseCreditId(creditId)?.tokenAddress ?? creditId, serialization: "—" };

  const rows: TActivity[] = [
    ...imports.map((i) => ({
      id: i.id,
      kind: "import" as const,
      at: i.createdAt.toISOString(),
      amount: i.amount.toFixed(),
      projectName: i.projectName,
      serialization: i.serialization,
      stateLabel:
        i.action === "transfer_retire" && i.state === "processed"
          ? `Retired on arrival for ${i.beneficiaryName ?? ""}`
          : IMPORT_STATES[i.state].label,
      tone: IMPORT_STATES[i.state].tone,
      txHash: i.txId,
      href: null,
      icrRetirementId: null,
      detail: i.lastError,
    })),
    ...exports.map((e) => ({
      id: e.id,
      kind: "export" as const,
      at: e.createdAt.toISOString(),
      amount: e.amount.toFixed(),
      ...nameOf(e.creditId),
      stateLabel: EXPORT_STATES[e.status].label,
      tone: EXPORT_STATES[e.status].tone,
      txHash: e.txHash,
      href: null,
      icrRetirementId: null,
      detail: e.status === "failed" ? e.lastError : `To ${e.toAddress}`,
    })),
    ...retirements.map((r) => {
      const stage = RETIREMENT_STAGES[retirementStage(r)];
      return {
        id: r.id,
        kind: "retirement" as const,
        at: r.createdAt.toISOString(),
        amount: r.amount.toFixed(),
        ...nameOf(r.creditId),
        stateLabel: stage.label,
        tone: stage.tone,
        txHash: r.txHash,
        href: `/retirements/${r.id}`,
        icrRetirementId: r.icrRetirementId,
        detail: `For ${r.beneficiary}`,
      };
    }),
  ];
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, take);
}
