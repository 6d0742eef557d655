import { fromBaseUnits } from "@/lib/amount";

// Neutral (neither side's domain): what both reconciliations say of one difference between views.

/** Why two views of an asset differ. Only "unexplained" is a fault (it alerts). */
export type TGapReason = "awaiting_approval" | "not_final" | "webhook_not_received" | "unexplained";

export type TDifference = {
  reason: TGapReason;
  /** tCO₂e, unsigned; `direction` says which way (into the holder's addresses or out of them). */
  amount: string;
  direction: "in" | "out";
  txHash: string | null;
  /** The ICR request the difference is about, if any. */
  icrRequestId: string | null;
  detail: string;
};

/** The badge tone a page gives each reason. */
export const GAP_TONE: Record<TGapReason, "warning" | "info" | "danger"> = {
  awaiting_approval: "warning",
  not_final: "info",
  webhook_not_received: "info",
  unexplained: "danger",
};

/** Signed base units as a decimal string ("-1.5" for an amount below zero). */
export function signedDecimal(units: bigint): string {
  return units < 0n ? `-${fromBaseUnits(-units)}` : fromBaseUnits(units);
}
