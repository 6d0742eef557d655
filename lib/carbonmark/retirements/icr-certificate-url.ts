import { config } from "@/lib/config";

/** The registry's public certificate of an ICR retirement: anyone may open it, no sign-in, no token. */
export function icrCertificateUrl(icrRetirementId: string): string {
  return `${config().ICR_WEB_URL}/retirements/${encodeURIComponent(icrRetirementId)}/certificate`;
}
