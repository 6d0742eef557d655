import type { z } from "zod";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/carbonmark/api/api-error";
import type { ZRetirement, ZRetirementProof } from "@/lib/carbonmark/api/api-schemas";
import { listMyRetirements, type TMyRetirement } from "@/lib/carbonmark/retirements/list-my-retirements";

/** The registry's public proof page of a retirement it has (no sign-in, no token). */
export function proofUrl(icrRetirementId: string | null): string | null {
  return icrRetirementId ? `${config().ICR_WEB_URL}/retirements/${encodeURIComponent(icrRetirementId)}/proof` : null;
}

function view(r: TMyRetirement): z.infer<typeof ZRetirement> {
  return {
    id: r.id,
    creditId: r.creditId,
    projectName: r.projectName,
    serialization: r.serialization,
    vintage: r.vintage,
    amount: r.amount,
    beneficiary: r.beneficiary,
    reason: r.reason,
    comment: r.comment,
    stage: r.stage,
    stageLabel: r.stageLabel,
    txHash: r.txHash,
    icrRetirementId: r.icrRetirementId,
    proofUrl: proofUrl(r.icrRetirementId),
    createdAt: r.createdAt,
  };
}

export async function apiRetirements(opts: { userId: string }) {
  return { items: (await listMyRetirements({ userId: opts.userId, take: 200 })).map(view) };
}

async function one(userId: string, id: string): Promise<TMyRetirement> {
  const [r] = await listMyRetirements({ userId, id });
  if (!r) throw new ApiError(404, "not_found", "There is no retirement of yours with this id.");
  return r;
}

export async function apiRetirement(opts: { userId: string; id: string }) {
  return view(await one(opts.userId, opts.id));
}

export async function apiRetirementProof(opts: {
  userId: string;
  id: string;
}): Promise<z.infer<typeof ZRetirementProof>> {
  const r = await one(opts.userId, opts.id);
  return {
    retirementId: r.id,
    stage: r.stage,
    txHash: r.txHash,
    icrRetirementId: r.icrRetirementId,
    proofUrl: proofUrl(r.icrRetirementId),
    certificateUrl:
      r.stage === "certified" ? `${config().APP_URL}/api/carbonmark/retirements/${r.id}/certificate` : null,
  };
}
