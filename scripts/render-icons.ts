// Renders the PNG app icons in public/ from public/favicon.svg with Chromium (run by hand after
// changing the SVG: `npx tsx scripts/render-icons.ts`; the PNGs are committed).
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { findChromium } from "./lib/ensure-chromium.ts";

const svg = readFileSync("public/favicon.svg", "utf8");
const SIZES: [string, number][] = [
  ["public/icon-192.png", 192],
  ["public/icon-512.png", 512],
  ["public/apple-touch-icon.png", 180],
];

const browser = await chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox"] });
try {
  for (const [path, size] of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.locator("svg").screenshot({ path, omitBackground: true });
    await page.close();
    console.log(`${path} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
