/**
 * Whether `redirectUri` is on the app's allow-list: same origin and path as one of its callback URLs
 * (query strings may differ; fragments and credentials never pass). Never a prefix match.
 */
export function isAllowedRedirect(redirectUri: string, callbackUrls: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password || !/^https?:$/.test(url.protocol)) return false;
  return callbackUrls.some((allowed) => {
    try {
      const a = new URL(allowed);
      return a.origin === url.origin && a.pathname === url.pathname;
    } catch {
      return false;
    }
  });
}

/** The callback URL with `installationId` and the caller's `state` added. */
export function installRedirectUrl(redirectUri: string, installationId: string, state: string | undefined): string {
  const url = new URL(redirectUri);
  url.searchParams.set("installationId", installationId);
  if (state !== undefined) url.searchParams.set("state", state);
  return url.toString();
}
