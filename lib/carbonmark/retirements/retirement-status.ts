import type { CmRetirement } from "@/lib/generated/prisma/client";
import type { TCmRetirementVerdict } from "@/lib/carbonmark/retirements/retirement-verdict";

export type TRetirementStage = "retiring" | "awaiting_certificate" | "certified" | "failed";
/** The retirement page reads the chain too, so it also knows "confirming" (retirementPageStage). */
export type TRetirementPageStage = TRetirementStage | "confirming";

/** Where a retirement stands, in the words the pages use. */
export function retirementStage(r: Pick<CmRetirement, "status" | "icrRetirementId">): TRetirementStage {
  if (r.status === "failed") return "failed";
  if (r.status !== "confirmed") return "retiring";
  return r.icrRetirementId ? "certified" : "awaiting_certificate";
}

/**
 * The stage the retirement page shows, from the row's stage and the chain as its verdict read it. A
 * retirement ICR has claimed whose burn is not final on chain yet is "confirming": ICR renders and
 * signs its certificate only once the transaction is final (docs/finality.md), so the page does not
 * call it ready before. When the chain could not be read the row's stage stands.
 */
export function retirementPageStage(
  stage: TRetirementStage,
  verdict: TCmRetirementVerdict | undefined,
): TRetirementPageStage {
  if (stage !== "certified" || verdict?.status !== "checked") return stage;
  return verdict.chain.found && verdict.chain.final ? stage : "confirming";
}

export const RETIREMENT_STAGES: Record<
  TRetirementPageStage,
  { label: string; tone: "neutral" | "info" | "success" | "warning" | "danger" }
> = {
  retiring: { label: "Retiring on chain", tone: "info" },
  awaiting_certificate: { label: "Awaiting certificate", tone: "warning" },
  confirming: { label: "Retired, confirming on chain", tone: "info" },
  certified: { label: "Retired, certificate ready", tone: "success" },
  failed: { label: "Failed, nothing was retired", tone: "danger" },
};
