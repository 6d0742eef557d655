import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmChromiumPath } from "./npm-chromium";

const dataDir = mkdtempSync(path.join(tmpdir(), "npm-chromium-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Unpacks in a separate process, as two `npm test` runs would: its exit code and output. */
function unpackElsewhere(target: string): Promise<{ code: number | null; out: string }> {
  const script = `import(${JSON.stringify(path.resolve(import.meta.dirname, "npm-chromium.ts"))}).then((m) => console.log(JSON.stringify(m.unpackNpmChromium(${JSON.stringify(target)}))))`;
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "-e", script]);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out })));
}

describe("the npm package's Chromium, unpacked into the project", () => {
  const target = npmChromiumPath(dataDir)!;

  it("two concurrent unpackings both succeed and leave one complete copy, no half-written one", async () => {
    const [a, b] = await Promise.all([unpackElsewhere(target), unpackElsewhere(target)]);
    expect(a.out).toContain('{"ok":true}');
    expect(b.out).toContain('{"ok":true}');
    expect(readdirSync(path.dirname(path.dirname(target)))).toEqual([path.basename(path.dirname(target))]);
  }, 600_000);

  it("runs through its wrapper, which finds every shared library it links", () => {
    const version = spawnSync(target, ["--headless=new", "--no-sandbox", "--version"], { encoding: "utf8" });
    expect(version.stdout).toMatch(/^Chromium \d+\./);
    const dir = path.dirname(target);
    const ldd = spawnSync("ldd", [path.join(dir, "chromium")], {
      encoding: "utf8",
      env: { ...process.env, LD_LIBRARY_PATH: path.join(dir, "al2023/lib") },
    });
    expect(ldd.stdout).toContain(path.join(dir, "al2023/lib/libnss3.so"));
    expect(ldd.stdout).not.toContain("not found");
  }, 120_000);
});
