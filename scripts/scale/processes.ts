// Child processes of the scale test: each `npm run <script>` in its own process group (so a kill
// reaches npm, tsx and Next.js alike), its output in a log file.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export type TProc = { name: string; child: ChildProcess; log: string };

export function npmRun(script: string, env: Record<string, string>, name: string, cwd: string, logDir: string): TProc {
  const log = path.join(logDir, `${name}.log`);
  const fd = openSync(log, "a");
  const child = spawn("npm", ["run", "--silent", script], {
    cwd,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  return { name, child, log };
}

export function npmRunSync(script: string, env: Record<string, string>, cwd: string, timeoutMs = 180_000): void {
  const r = spawnSync("npm", ["run", "--silent", script], {
    cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

/** Signals the whole process group; a group already gone is fine. */
export function killGroup(p: TProc, signal: NodeJS.Signals): void {
  if (!p.child.pid) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    /* already gone */
  }
}

export function tailOf(file: string, lines: number): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "(no output)";
}
