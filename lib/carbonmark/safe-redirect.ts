import { safeRelativeRedirect } from "@/lib/security/safe-redirect";

/** Only same-origin paths may be redirect targets ("/portfolio", never "//evil", "/%09/evil" or "https://…"). */
export function safeRedirectPath(value: string | null | undefined, fallback = "/portfolio"): string {
  return safeRelativeRedirect(value, { fallback });
}
