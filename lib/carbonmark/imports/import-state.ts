import type { CmImportState } from "@/lib/generated/prisma/enums";

// What each ICR request state means to the person waiting for their credits.
type TStateView = {
  label: string;
  tone: "neutral" | "info" | "success" | "warning" | "danger";
  rank: number;
  isInFlight: boolean;
};

export const IMPORT_STATES: Record<CmImportState, TStateView> = {
  requested: { label: "Sending the request to ICR", tone: "neutral", rank: 0, isInFlight: true },
  pending_request: { label: "Waiting for approval on ICR", tone: "warning", rank: 1, isInFlight: true },
  pending_reserved: { label: "Reserved on ICR", tone: "info", rank: 2, isInFlight: true },
  pending_queue: { label: "Approved, queued for transfer", tone: "info", rank: 3, isInFlight: true },
  pending_onchain: { label: "On chain, confirming", tone: "info", rank: 4, isInFlight: true },
  processed: { label: "Arrived in your wallet", tone: "success", rank: 5, isInFlight: false },
  rejected: { label: "Declined on ICR", tone: "danger", rank: 5, isInFlight: false },
  failed: { label: "Failed", tone: "danger", rank: 5, isInFlight: false },
  cancelled: { label: "Cancelled", tone: "neutral", rank: 5, isInFlight: false },
};

/** A transfer ICR reports processed whose credits the wallet does not show yet (docs/finality.md). */
export const CONFIRMING_LABEL = "Confirming on chain";

export const IN_FLIGHT_STATES = (Object.keys(IMPORT_STATES) as CmImportState[]).filter(
  (s) => IMPORT_STATES[s].isInFlight,
);

/** States an import may move to `next` from: only forward, so a late or repeated update never goes back. */
export function statesBefore(next: CmImportState): CmImportState[] {
  const rank = IMPORT_STATES[next].rank;
  return (Object.keys(IMPORT_STATES) as CmImportState[]).filter((s) => IMPORT_STATES[s].rank < rank);
}
