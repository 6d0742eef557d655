/** Only same-site paths may be redirect targets ("/portfolio", never "//evil" or "https://…"). */
export function safeRedirectPath(value: string | null | undefined, fallback = "/portfolio"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
