import type { Page } from "@playwright/test";

/** Full-page screenshots at 1280×900 and 390×844 (`<name>.png`, `<name>-390.png`); the viewport is restored. */
export async function shootBoth(page: Page, name: string) {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `e2e/screenshots/${name}-390.png`, fullPage: true });
  await page.setViewportSize(before);
}
