import type { IcrAction, IcrRequestState } from "@/lib/generated/prisma/enums";

/** A request as the inventory page's client components receive it (plain, serializable). */
export type TRequestRow = {
  id: string;
  action: IcrAction;
  state: IcrRequestState;
  amount: string;
  serialization: string;
  vintage: string;
  projectName: string | null;
  toAddress: string | null;
  toOrganizationName: string | null;
  requestedBy: string | null;
  /** the name of the app that made it (it hears of every state change by webhook) */
  requestedByApp: string | null;
  /** the ICR user behind the app's request (who connected or installed it), "Name (email)" */
  requestedByUser: string | null;
  /** the app's own account the request is for, as the app declared it, "Name (email)" */
  onBehalfOf: string | null;
  beneficiaryName: string | null;
  txId: string | null;
  failureReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** the ICR admin who accepted or declined it, "Name (email)" */
  decidedBy: string | null;
};
