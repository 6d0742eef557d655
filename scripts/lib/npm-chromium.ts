// The Chromium the npm package @sparticuz/chromium ships (brotli-compressed, with the shared libraries a
// bare Debian lacks: libnss3, libnspr4…), unpacked once into .data/chromium/<version>/ and run through a
// small wrapper script that points LD_LIBRARY_PATH and FONTCONFIG_PATH at the unpacked files.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const PACKAGE = "@sparticuz/chromium";
const WRAPPER = "chromium.sh";

/** Where the package keeps its compressed files and its version; undefined when it is not installed. */
function npmPackage(): { bin: string; lambdafs: string; version: string } | undefined {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve(PACKAGE); // …/build/cjs/index.cjs
    const root = path.resolve(path.dirname(main), "../..");
    const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    return { bin: path.join(root, "bin"), lambdafs: path.join(root, "build/esm/lambdafs.js"), version };
  } catch {
    return undefined;
  }
}

/** The wrapper script the package's Chromium runs through, once unpacked under `dataDir`; undefined without the package. */
export function npmChromiumPath(dataDir: string): string | undefined {
  const pkg = npmPackage();
  return pkg && path.join(dataDir, "chromium", `sparticuz-${pkg.version}`, WRAPPER);
}

const wrapper = `#!/bin/sh
# Runs the Chromium of ${PACKAGE} with the shared libraries and fonts unpacked beside it.
here=$(dirname "$(readlink -f "$0")")
export LD_LIBRARY_PATH="$here/al2023/lib:$here\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export FONTCONFIG_PATH="\${FONTCONFIG_PATH:-$here/fonts}"
exec "$here/chromium" "$@"
`;

/**
 * Unpacks the package's Chromium, libraries and fonts (with the package's own `inflate`) into a fresh
 * directory beside the target, checks the browser runs, then renames it into place: concurrent callers
 * each unpack their own copy and the first rename wins. Returns the reason when it cannot run here.
 */
export function unpackNpmChromium(target: string): { ok: true } | { error: string } {
  const pkg = npmPackage();
  if (!pkg) return { error: `${PACKAGE} is not installed` };
  const finalDir = path.dirname(target);
  if (existsSync(target)) return { ok: true };
  mkdirSync(path.dirname(finalDir), { recursive: true });
  const tmp = mkdtempSync(`${finalDir}.tmp-`);
  try {
    // `inflate` unpacks into os.tmpdir(), which TMPDIR sets: here, the fresh directory.
    const script = `import { inflate } from ${JSON.stringify(pkg.lambdafs)};
for (const f of ["chromium.br", "al2023.tar.br", "fonts.tar.br", "swiftshader.tar.br"]) await inflate(${JSON.stringify(pkg.bin)} + "/" + f);`;
    const unpack = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, TMPDIR: tmp },
      encoding: "utf8",
      timeout: 300_000,
    });
    if (unpack.status !== 0) return { error: `unpacking failed: ${unpack.stderr || unpack.error?.message}` };
    writeFileSync(path.join(tmp, WRAPPER), wrapper);
    chmodSync(path.join(tmp, WRAPPER), 0o755);
    const run = spawnSync(path.join(tmp, WRAPPER), ["--headless=new", "--no-sandbox", "--version"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (run.status !== 0) return { error: `it does not run here: ${(run.stderr || run.error?.message || "").trim()}` };
    try {
      renameSync(tmp, finalDir);
    } catch (err) {
      if (!existsSync(target)) throw err; // another caller's rename won: use theirs
    }
    return { ok: true };
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
