import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");

export function startNext(opts: {
  port: number;
  env: Record<string, string>;
  dev?: boolean;
  quiet?: boolean;
}): ChildProcess {
  const args = [
    path.join(root, "node_modules/next/dist/bin/next"),
    opts.dev ? "dev" : "start",
    "-p",
    String(opts.port),
    "-H",
    "127.0.0.1",
  ];
  return spawn(process.execPath, args, {
    cwd: root,
    stdio: opts.quiet ? "ignore" : "inherit",
    detached: true,
    env: { ...process.env, ...opts.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

export function startWorker(opts: { env: Record<string, string>; quiet?: boolean; pipe?: boolean }): ChildProcess {
  // tsx as a loader, not its CLI: one process, so the pid the supervisor watches is the worker itself.
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  return spawn(process.execPath, ["--import", tsx, path.join(root, "scripts/worker.ts")], {
    cwd: root,
    stdio: opts.pipe ? "pipe" : opts.quiet ? "ignore" : "inherit",
    detached: true,
    env: { ...process.env, ...opts.env },
  });
}

export function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), timeoutMs).unref();
  });
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}
