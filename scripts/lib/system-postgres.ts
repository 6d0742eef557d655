// Debian's PostgreSQL (`apt-get install postgresql`) as an ordinary external server for tests:
// initdb in a temp dir, started with pg_ctl on a loopback port. PostgreSQL refuses to run as root,
// so as root every command runs as the `postgres` OS user (runuser) in a dir that user owns.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type TSystemPostgres = { url: (database: string) => string; dir: string; stop: () => void };

/** The bin dir of the newest Debian PostgreSQL installed (/usr/lib/postgresql/<version>/bin), if any. */
export function systemPostgresBin(base = "/usr/lib/postgresql"): string | undefined {
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "postgres")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : undefined;
}

export function startSystemPostgres(opts: { port: number; bin?: string }): TSystemPostgres {
  const bin = opts.bin ?? systemPostgresBin();
  if (!bin)
    throw new Error(
      "Debian's PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): apt-get install -y postgresql",
    );
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "carbonmark-pg-"));
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const data = path.join(dir, "data");
  const run = (tool: string, args: string[]) => {
    const cmd = path.join(bin, tool);
    const r = asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8", timeout: 90_000 })
      : spawnSync(cmd, args, { encoding: "utf8", timeout: 90_000 });
    if (r.status !== 0)
      throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
  };
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "stop", "-m", "fast", "-w", "-t", "30"]);
    } catch {
      // Last resort: the postmaster's pid is the first line of postmaster.pid.
      const pidFile = path.join(data, "postmaster.pid");
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : 0;
      if (pid > 0) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    // Throwaway data: no fsync. Two web instances and two workers each hold a Prisma pool and a pg-boss pool.
    const serverOpts = `-p ${opts.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", serverOpts, "-w", "-t", "60", "start"]);
  } catch (err) {
    stop();
    throw err;
  }
  return { url: (database) => `postgresql://postgres@127.0.0.1:${opts.port}/${database}`, dir, stop };
}
