// `npm run lock:complete`: adds the lockfile entries that npm leaves out when this machine's npm
// registry lacks another platform's optional binary (e.g. @next/swc-darwin-arm64@16.4.6 or
// @foundry-rs/anvil-darwin-amd64 answer 404 here). Without them `npm ci` refuses the lockfile
// ("Missing: … from lock file"). Each added entry carries the package's `os` / `cpu` / `libc`, so
// npm skips it on every other platform without fetching anything, exactly as it skips the entries
// it wrote itself; on its own platform npm fetches it from a registry that has it.
// Run it after every `npm install` that changes the lockfile (`npm ci` then proves it, see .ci/run).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type TLockEntry = {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  dev?: boolean;
  devOptional?: boolean;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
};
type TLock = { packages: Record<string, TLockEntry> };

const OSES = ["android", "darwin", "freebsd", "linux", "openbsd", "netbsd", "sunos", "aix", "win32", "openharmony"];
const CPUS: Record<string, string> = {
  amd64: "x64",
  x64: "x64",
  arm64: "arm64",
  aarch64: "arm64",
  arm: "arm",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

/** Where node would resolve `name` from the package at `from` (walking up the node_modules chain). */
function resolveLocation(lock: TLock, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i === -1 ? "" : dir.slice(0, i);
  }
}

/** The platform fields from the registry's manifest, or, when the registry has no such version, from the name. */
function platformOf(name: string, version: string): Pick<TLockEntry, "os" | "cpu" | "libc"> {
  for (const spec of [`${name}@${version}`, name]) {
    try {
      const out = execFileSync("npm", ["view", spec, "os", "cpu", "libc", "--json"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      const m = out.trim() ? (JSON.parse(out) as TLockEntry | TLockEntry[]) : {};
      const manifest = Array.isArray(m) ? m[m.length - 1] : m;
      if (manifest.os || manifest.cpu) return { os: manifest.os, cpu: manifest.cpu, libc: manifest.libc };
    } catch {
      // not on this registry: try the next source
    }
  }
  const parts = name.split("/").pop()!.split("-");
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.map((p) => CPUS[p]).find(Boolean);
  const libc =
    parts.includes("musl") || parts.includes("musleabihf")
      ? ["musl"]
      : parts.includes("gnu") || parts.includes("gnueabihf")
        ? ["glibc"]
        : undefined;
  if (!os && !cpu) throw new Error(`cannot tell the platform of ${name}@${version}; add its entry by hand`);
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined, libc };
}

export function completeLockfile(file: string): string[] {
  const lock = JSON.parse(readFileSync(file, "utf8")) as TLock;
  const added: string[] = [];
  for (const [loc, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      if (resolveLocation(lock, loc, name)) continue;
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec))
        throw new Error(`${loc} wants ${name}@${spec}: only exact versions can be added`);
      const target = `node_modules/${name}`;
      // Dev-only parents make dev-only children, as npm marks them.
      const flags = entry.dev ? { dev: true } : entry.devOptional ? { devOptional: true } : {};
      lock.packages[target] = { version: spec, ...flags, optional: true, ...platformOf(name, spec) };
      added.push(`${name}@${spec}`);
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))),
  );
  writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.resolve(import.meta.dirname, "..", "package-lock.json");
  const added = completeLockfile(file);
  console.log(
    added.length ? `added ${added.length} platform entries:\n  ${added.join("\n  ")}` : "lockfile already complete",
  );
}
