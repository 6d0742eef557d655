// How long the callback waits for ICR's `installed` webhook (the proof of consent); see complete-install.ts.

/** The server-side wait of each look (the page render, then each call from the waiting page). */
export const CONSENT_WAIT_STEP_MS = 4_000;
/** After this, the waiting page gives up and says so (ICR retries a failed delivery within about a minute). */
export const CONSENT_WAIT_LIMIT_MS = 60_000;
