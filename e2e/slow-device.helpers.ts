// A slow phone: the CPU throttled through CDP and the page's JavaScript held back, so a person can
// type and click before React has hydrated the page.
import type { Page } from "@playwright/test";

/** Throttles the page's CPU `rate`× (Chromium's DevTools protocol; 1 = full speed). */
export async function throttleCpu(page: Page, rate: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/**
 * Holds every JavaScript chunk of the next page load until `release()` is called, so the server-rendered
 * HTML is all the person has. Once released, every load passes through.
 */
export async function holdScripts(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await gate;
    await route.continue();
  });
  return { release };
}

/** Resolves once React has hydrated the element matching `selector` (its fiber is attached). */
export async function waitForHydration(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  }, selector);
}

/** Runs `act` but stops waiting for it after `ms` (it may be waiting for a control that is disabled until hydration). */
export function startBeforeHydration(act: Promise<unknown>, ms = 1_500): Promise<unknown> {
  const settled = act.then(
    () => "done",
    (e: unknown) => e,
  );
  return Promise.race([settled, new Promise((r) => setTimeout(r, ms))]).then(() => settled);
}
