// Runs once when a Next.js server starts, before it answers requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installForwardedHeaders } = await import("@/lib/security/forwarded-headers");
  installForwardedHeaders();
}
