import { config } from "@/lib/config";

/** The registry's public proof page of an ICR retirement (no sign-in; what a report cites). */
export function retirementProofUrl(icrRetirementId: string): string {
  return `${config().ICR_WEB_URL}/retirements/${encodeURIComponent(icrRetirementId)}/proof`;
}
