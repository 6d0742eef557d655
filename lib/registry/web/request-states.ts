import type { IcrRequestState } from "@/lib/generated/prisma/enums";

/** The tone a state's badge takes (components/ui/badge.tsx draws each). */
export type TStateTone = "neutral" | "info" | "success" | "warning" | "danger";

/** How each documented request state reads on the ICR pages. */
export const REQUEST_STATE_LABEL: Record<IcrRequestState, { label: string; tone: TStateTone }> = {
  pending_request: { label: "Awaiting approval", tone: "warning" },
  pending_reserved: { label: "Reserved", tone: "info" },
  pending_queue: { label: "Accepted, queued", tone: "info" },
  // Sent, until its transaction is final (docs/finality.md): "processed" means final.
  pending_onchain: { label: "Confirming on chain", tone: "info" },
  processed: { label: "Processed", tone: "success" },
  rejected: { label: "Declined", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
};

/** States in which the page keeps refreshing (the worker moves them on without anyone clicking). */
export const IN_FLIGHT_STATES: readonly string[] = ["pending_reserved", "pending_queue", "pending_onchain"];

export const ACTION_LABEL = {
  transfer: "Transfer",
  retire: "Retire",
  transfer_retire: "Transfer & retire",
  cancel: "Cancel",
} as const;

/** The history filter on the inventory page (`?state=`): every past or in-flight state an admin can look for. */
export const HISTORY_FILTERS = {
  all: { label: "All", states: undefined },
  in_progress: { label: "In progress", states: ["pending_reserved", "pending_queue", "pending_onchain"] },
  processed: { label: "Processed", states: ["processed"] },
  rejected: { label: "Declined", states: ["rejected"] },
  cancelled: { label: "Cancelled", states: ["cancelled"] },
  failed: { label: "Failed", states: ["failed"] },
} as const satisfies Record<string, { label: string; states: readonly IcrRequestState[] | undefined }>;
export type THistoryFilter = keyof typeof HISTORY_FILTERS;
