import { config } from "@/lib/config";

/** The registry's public proof of an ICR retirement (docs/proof.md): anyone may open it, no sign-in, no token. */
export function icrProofUrl(icrRetirementId: string): string {
  return `${config().ICR_WEB_URL}/retirements/${encodeURIComponent(icrRetirementId)}/proof`;
}
