import type { CmOperationStatus } from "@/lib/generated/prisma/enums";

type TTone = "neutral" | "info" | "success" | "warning" | "danger";

/** What an export's status means to the person who sent it. */
export const EXPORT_STATES: Record<CmOperationStatus, { label: string; tone: TTone }> = {
  pending: { label: "Being sent", tone: "info" },
  sent: { label: "Sent, waiting for the chain", tone: "info" },
  confirmed: { label: "Delivered to ICR", tone: "success" },
  failed: { label: "Failed, nothing was sent", tone: "danger" },
};
