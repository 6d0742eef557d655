// Keeps `npm start`'s children running: a child that dies is started again after a backoff, with a
// log line each time; a child that keeps dying fast makes the supervisor give up loudly (the caller
// stops everything and exits non-zero). Stopping never hangs on a child that is already dead.
import type { ChildProcess } from "node:child_process";

/** One running incarnation of a child: its process and how to stop it cleanly. */
export type TRunning = { child: ChildProcess; stop?: () => Promise<void> };

export type TChildSpec<T extends TRunning = TRunning> = {
  name: string;
  /** Starts the child and resolves once it is usable; throws if it cannot start (counted as a failure). */
  start: () => Promise<T> | T;
  /** Children stop from the highest layer down, those of one layer in parallel (apps 2, chain 1, database 0). */
  layer?: number;
  /** After this, a child that ignores SIGTERM (or its own stop) is killed. */
  stopTimeoutMs?: number;
  /** Called after each (re)start, e.g. to record pids. */
  onStarted?: (running: T) => void;
};

export type TSupervisorOptions = {
  log: (line: string) => void;
  /** Give up after this many failures of one child within `windowMs` (default 5 within 60 s). */
  maxFailures?: number;
  windowMs?: number;
  /** Backoff before restart n (1-based): min(maxBackoffMs, initialBackoffMs · 2^(n-1)). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  onGiveUp: (reason: string) => void;
};

type TEntry = {
  spec: TChildSpec;
  running?: TRunning;
  exited?: Promise<void>;
  starting?: Promise<void>;
  timer?: NodeJS.Timeout;
  failures: number[];
};

/** Resolves when the process has exited (also when it already has: exitCode or signalCode is set). */
export function whenExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function describeExit(child: ChildProcess): string {
  return child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`;
}

export class Supervisor {
  private readonly entries: TEntry[] = [];
  private stopping = false;
  private readonly opts: Required<Omit<TSupervisorOptions, "log" | "onGiveUp">> &
    Pick<TSupervisorOptions, "log" | "onGiveUp">;

  constructor(opts: TSupervisorOptions) {
    this.opts = { maxFailures: 5, windowMs: 60_000, initialBackoffMs: 500, maxBackoffMs: 15_000, ...opts };
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Starts a child and keeps it running until `stop()`. Rejects if its first start fails. */
  async add<T extends TRunning>(spec: TChildSpec<T>): Promise<T> {
    const entry: TEntry = { spec: spec as unknown as TChildSpec, failures: [] };
    this.entries.push(entry);
    entry.starting = this.launch(entry).finally(() => (entry.starting = undefined));
    await entry.starting;
    return entry.running as T;
  }

  /** The current process of a child, if it runs. */
  pid(name: string): number | undefined {
    return this.entries.find((e) => e.spec.name === name)?.running?.child.pid;
  }

  pids(): number[] {
    return this.entries.map((e) => e.running?.child.pid).filter((p): p is number => !!p);
  }

  private async launch(entry: TEntry): Promise<void> {
    const running = await entry.spec.start();
    entry.running = running;
    entry.exited = whenExited(running.child);
    entry.spec.onStarted?.(running);
    void entry.exited.then(() => this.onExit(entry, running));
    if (this.stopping) await this.stopEntry(entry);
  }

  private onExit(entry: TEntry, running: TRunning): void {
    if (this.stopping || entry.running !== running) return;
    this.fail(entry, describeExit(running.child));
  }

  private fail(entry: TEntry, why: string): void {
    const now = Date.now();
    entry.failures = [...entry.failures.filter((t) => now - t < this.opts.windowMs), now];
    const { name } = entry.spec;
    if (entry.failures.length >= this.opts.maxFailures) {
      // The caller says it (npm start: "[start] <reason>: stopping everything") and stops everything.
      this.opts.onGiveUp(
        `${name} failed ${entry.failures.length} times within ${this.opts.windowMs / 1000} s (last: ${why}); giving up`,
      );
      return;
    }
    const n = entry.failures.length;
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.initialBackoffMs * 2 ** (n - 1));
    this.opts.log(
      `${name} stopped (${why}); restarting in ${(delay / 1000).toFixed(1)} s (failure ${n} of ${this.opts.maxFailures} allowed within ${this.opts.windowMs / 1000} s)`,
    );
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.stopping) return;
      entry.starting = this.launch(entry)
        .then(() => this.opts.log(`${name} restarted (pid ${entry.running?.child.pid})`))
        .catch((err: Error) => {
          if (!this.stopping) this.fail(entry, `restart failed: ${err.message.split("\n")[0]}`);
        })
        .finally(() => (entry.starting = undefined));
    }, delay);
  }

  private async stopEntry(entry: TEntry): Promise<void> {
    const running = entry.running;
    if (!running) return;
    const exited = entry.exited ?? whenExited(running.child);
    const timeout = entry.spec.stopTimeoutMs ?? 5_000;
    const kill = setTimeout(() => running.child.kill("SIGKILL"), timeout);
    try {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        await Promise.race([
          running.stop ? running.stop().catch(() => undefined) : (running.child.kill("SIGTERM"), exited),
          exited,
        ]);
      }
      await exited;
    } finally {
      clearTimeout(kill);
    }
  }

  /** Stops every child, highest layer first; never waits on a child that is already dead. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const e of this.entries) if (e.timer) clearTimeout(e.timer);
    // A start under way is given a moment to finish, so what it started is stopped too.
    await Promise.race([
      Promise.all(this.entries.map((e) => e.starting?.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 3_000)),
    ]);
    const layers = [...new Set(this.entries.map((e) => e.spec.layer ?? 0))].sort((a, b) => b - a);
    for (const layer of layers)
      await Promise.all(this.entries.filter((e) => (e.spec.layer ?? 0) === layer).map((e) => this.stopEntry(e)));
  }

  /** Second Ctrl-C: SIGKILL every child at once. */
  killAll(): void {
    this.stopping = true;
    for (const e of this.entries) {
      if (e.timer) clearTimeout(e.timer);
      const c = e.running?.child;
      if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    }
  }
}
