// A throwaway test stack (e2e) seeds users and deploys contracts wherever its URLs point, so it
// refuses to start against anything that is not on this machine.
const URL_VARIABLES = ["DATABASE_URL", "CHAIN_RPC_URL", "SMTP_URL"] as const;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname.toLowerCase();
    return LOOPBACK.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Throws naming each of DATABASE_URL, CHAIN_RPC_URL, SMTP_URL that is set and not a loopback URL. */
export function refuseNonLocalUrls(env: Record<string, string | undefined>, what: string): void {
  const outside = URL_VARIABLES.filter((name) => env[name] && !isLoopbackUrl(env[name]!));
  if (outside.length)
    throw new Error(
      `${what} seeds test data wherever these point, and they are not on this machine: ${outside.join(", ")}. ` +
        `Unset them (the stack starts its own) or point them at localhost.`,
    );
}
