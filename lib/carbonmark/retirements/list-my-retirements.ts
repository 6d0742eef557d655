import { prisma } from "@/lib/db";
import { icrProofUrl } from "@/lib/carbonmark/retirements/icr-proof-url";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import {
  RETIREMENT_STAGES,
  retirementStage,
  type TRetirementStage,
} from "@/lib/carbonmark/retirements/retirement-status";

export type TMyRetirement = {
  id: string;
  creditId: string;
  tokenAddress: string;
  tokenId: string;
  projectName: string;
  serialization: string;
  vintage: string;
  amount: string;
  beneficiary: string;
  reason: string;
  comment: string;
  txHash: string | null;
  icrRetirementId: string | null;
  /** the registry's public proof, once ICR has the retirement */
  proofUrl: string | null;
  stage: TRetirementStage;
  stageLabel: string;
  tone: (typeof RETIREMENT_STAGES)[TRetirementStage]["tone"];
  lastError: string | null;
  createdAt: string;
};

/** The user's retirements, newest first (or one of them with `id`), with what we know of each credit. */
export async function listMyRetirements(opts: {
  userId: string;
  id?: string;
  take?: number;
}): Promise<TMyRetirement[]> {
  const rows = await prisma.cmRetirement.findMany({
    where: { userId: opts.userId, ...(opts.id ? { id: opts.id } : {}) },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 50,
  });
  const imports = await prisma.cmImport.findMany({
    where: { userId: opts.userId, creditId: { in: [...new Set(rows.map((r) => r.creditId))] } },
    select: { creditId: true, projectName: true, serialization: true, vintage: true },
  });
  const meta = new Map(imports.map((i) => [i.creditId, i]));
  return rows.map((r) => {
    const stage = retirementStage(r);
    const credit = parseCreditId(r.creditId)!;
    const m = meta.get(r.creditId);
    return {
      id: r.id,
      creditId: r.creditId,
      tokenAddress: credit.tokenAddress,
      tokenId: credit.tokenId,
      projectName: m?.projectName ?? credit.tokenAddress,
      serialization: m?.serialization ?? "—",
      vintage: m?.vintage ?? "—",
      amount: r.amount.toString(),
      beneficiary: r.beneficiary,
      reason: r.reason,
      comment: r.comment,
      txHash: r.txHash,
      icrRetirementId: r.icrRetirementId,
      proofUrl: r.icrRetirementId ? icrProofUrl(r.icrRetirementId) : null,
      stage,
      stageLabel: RETIREMENT_STAGES[stage].label,
      tone: RETIREMENT_STAGES[stage].tone,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
