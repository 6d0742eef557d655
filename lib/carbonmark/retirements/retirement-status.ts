import type { CmRetirement } from "@/lib/generated/prisma/client";
import type { TCmRetirementVerdict } from "@/lib/carbonmark/retirements/retirement-verdict";

export type TRetirementStage = "retiring" | "awaiting_certificate" | "confirming" | "certified" | "failed";

/**
 * Where a retirement stands, in the words the pages and the API use. One ICR has claimed is
 * "confirming" until Carbonmark has seen its burn final and announced it (`finalAt`): ICR renders and
 * signs its certificate only once the transaction is final (docs/finality.md).
 */
export function retirementStage(r: Pick<CmRetirement, "status" | "icrRetirementId" | "finalAt">): TRetirementStage {
  if (r.status === "failed") return "failed";
  if (r.status !== "confirmed") return "retiring";
  if (!r.icrRetirementId) return "awaiting_certificate";
  return r.finalAt ? "certified" : "confirming";
}

/**
 * The stage the retirement page shows: the row's, corrected by the chain as the page's verdict read
 * it just now (final before the announcing job ran, or no longer final after a reorg). When the chain
 * could not be read the row's stage stands.
 */
export function retirementPageStage(
  stage: TRetirementStage,
  verdict: TCmRetirementVerdict | undefined,
): TRetirementStage {
  if ((stage !== "certified" && stage !== "confirming") || verdict?.status !== "checked") return stage;
  return verdict.chain.found && verdict.chain.final ? "certified" : "confirming";
}

export const RETIREMENT_STAGES: Record<
  TRetirementStage,
  { label: string; tone: "neutral" | "info" | "success" | "warning" | "danger" }
> = {
  retiring: { label: "Retiring on chain", tone: "info" },
  awaiting_certificate: { label: "Awaiting certificate", tone: "warning" },
  confirming: { label: "Retired, confirming on chain", tone: "info" },
  certified: { label: "Retired, certificate ready", tone: "success" },
  failed: { label: "Failed, nothing was retired", tone: "danger" },
};
