import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { Supervisor, type TChildSpec } from "./supervisor.ts";

// Real child processes: a node that idles until signalled, or one that exits at once.
const idle = () => ({ child: spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }) });
const crashing = () => ({ child: spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" }) });

async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

let current: Supervisor | undefined;
afterEach(async () => {
  current?.killAll();
  current = undefined;
});

function make(extra: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  const lines: string[] = [];
  const gaveUp: string[] = [];
  current = new Supervisor({
    log: (l) => lines.push(l),
    onGiveUp: (r) => gaveUp.push(r),
    initialBackoffMs: 50,
    ...extra,
  });
  return { sup: current, lines, gaveUp };
}

// Real child processes: on a loaded 2-core machine five spawn-and-crash rounds took over vitest's
// default 5 s, so the tests wait on behaviour with a generous bound instead.
describe("supervisor", { timeout: 30_000 }, () => {
  it("restarts a child killed with kill -9, with a log line, and counts it", async () => {
    const { sup, lines } = make();
    const first = await sup.add({ name: "worker", start: idle });
    process.kill(first.child.pid!, "SIGKILL");
    const pid = await until(() => (sup.pid("worker") !== first.child.pid ? sup.pid("worker") : undefined));
    expect(pid).toBeGreaterThan(0);
    expect(lines.join("\n")).toMatch(/worker stopped \(killed by SIGKILL\); restarting in 0\.1 s/);
    await until(() => lines.some((l) => l.startsWith("worker restarted")));
  });

  it("gives up loudly after 5 fast failures instead of restarting forever", async () => {
    const { sup, lines, gaveUp } = make({ initialBackoffMs: 10, maxBackoffMs: 20 });
    await sup.add({ name: "flaky", start: crashing });
    const reason = await until(() => gaveUp[0]);
    expect(reason).toMatch(/flaky failed 5 times within 60 s \(last: exit code 3\); giving up/);
    expect(lines.filter((l) => l.includes("restarting in")).length).toBe(4);
  });

  it("counts a restart that cannot start as a failure and backs off", async () => {
    const { sup, lines } = make();
    let calls = 0;
    const spec: TChildSpec = {
      name: "db",
      start: () => {
        calls++;
        if (calls === 2) throw new Error("port in use");
        return idle();
      },
    };
    const first = await sup.add(spec);
    process.kill(first.child.pid!, "SIGKILL");
    await until(() => calls >= 3 && sup.pid("db") !== first.child.pid);
    expect(lines.join("\n")).toMatch(/db stopped \(restart failed: port in use\); restarting in 0\.1 s \(failure 2/);
  });

  it("stops when a child is already dead by a signal (without waiting on it), and stops the others", async () => {
    const { sup } = make({ initialBackoffMs: 60_000 });
    const chain = await sup.add({ name: "anvil", layer: 1, start: idle });
    const db = await sup.add({ name: "db", layer: 0, start: idle });
    process.kill(chain.child.pid!, "SIGKILL");
    await until(() => chain.child.signalCode === "SIGKILL");
    // Waiting on the dead child's exit (long past) would hang: the describe's 30 s timeout is the bound.
    await sup.stop();
    expect(db.child.signalCode).toBe("SIGTERM");
  });

  it("kills a child that ignores SIGTERM after its stop timeout", async () => {
    const { sup } = make();
    const stubborn = await sup.add({
      name: "stubborn",
      stopTimeoutMs: 300,
      start: () => ({
        child: spawn(
          process.execPath,
          ["-e", "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"],
          { stdio: ["ignore", "pipe", "ignore"] },
        ),
      }),
    });
    await new Promise((r) => stubborn.child.stdout!.once("data", r)); // its SIGTERM handler is in place
    await sup.stop();
    expect(stubborn.child.signalCode).toBe("SIGKILL");
  });
});
