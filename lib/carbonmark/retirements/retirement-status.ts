import type { CmRetirement } from "@/lib/generated/prisma/client";

export type TRetirementStage = "retiring" | "awaiting_certificate" | "certified" | "failed";

/** Where a retirement stands, in the words the pages use. */
export function retirementStage(r: Pick<CmRetirement, "status" | "icrRetirementId">): TRetirementStage {
  if (r.status === "failed") return "failed";
  if (r.status !== "confirmed") return "retiring";
  return r.icrRetirementId ? "certified" : "awaiting_certificate";
}

export const RETIREMENT_STAGES: Record<
  TRetirementStage,
  { label: string; tone: "neutral" | "info" | "success" | "warning" | "danger" }
> = {
  retiring: { label: "Retiring on chain", tone: "info" },
  awaiting_certificate: { label: "Awaiting certificate", tone: "warning" },
  certified: { label: "Retired, certificate ready", tone: "success" },
  failed: { label: "Failed, nothing was retired", tone: "danger" },
};
