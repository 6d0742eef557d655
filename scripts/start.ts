// `npm start`: the whole stack, embedded, from one command. See README.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isPidAlive, readPid, removePid, stopOrphan } from "../lib/stack/pidfile.ts";
import { isPortFree } from "../lib/stack/ports.ts";
import { buildIfChanged } from "./lib/next-build.ts";
import { startNext, startWorker, waitForHttp } from "./lib/processes.ts";
import { startStack, type TStack } from "./lib/stack.ts";
import { Supervisor } from "./lib/supervisor.ts";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    "data-dir": { type: "string", default: process.env.DATA_DIR ?? ".data" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    fresh: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    /** Everything but Next.js (the supervision tests use it; so can a worker-only host). */
    "no-web": { type: "boolean", default: false },
  },
});
const port = Number(values.port);
const log = (line: string) => console.log(`[start] ${line}`);

/** After a `kill -9` of a previous `npm start`, its Next.js and worker may still run: stop them. */
async function stopOrphansOfKilledRun(dataDir: string, childPids: string): Promise<void> {
  const holder = readPid(path.join(dataDir, "start.pid"));
  if (holder && holder !== process.pid && isPidAlive(holder)) return; // a live run: startStack refuses with its pid
  if (!existsSync(childPids)) return;
  for (const pid of readFileSync(childPids, "utf8")
    .split("\n")
    .map(Number)
    .filter((n) => n > 0)) {
    // Only ours: a recycled pid of an unrelated process is left alone.
    const cmd = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
    if (isPidAlive(pid) && /next-server|next\/dist\/bin\/next|scripts\/worker\.ts/.test(cmd)) {
      log(`stopping process ${pid} left by a killed run`);
      await stopOrphan(pid);
    }
  }
  removePid(childPids);
}

async function main() {
  if (values.fresh && !path.resolve(values["data-dir"]!).includes(`${path.sep}.data${path.sep}`)) {
    throw new Error("--fresh only wipes throwaway data dirs under .data/ (e.g. .data/e2e)");
  }
  const dataDir = path.resolve(values["data-dir"]!);
  const childPids = path.join(dataDir, "app.pids");
  await stopOrphansOfKilledRun(dataDir, childPids);
  if (!(await isPortFree(port)))
    throw new Error(`Port ${port} is in use. Stop what runs there or choose another port: PORT=3001 npm start`);

  let stopping = false;
  let stack: TStack | undefined;
  const onGiveUp = (reason: string) => {
    console.error(`[start] ${reason}: stopping everything`);
    void shutdown(1);
  };
  const supervisor = new Supervisor({ log, onGiveUp });
  // Ctrl-C stops everything within 15 s whatever has died; a second Ctrl-C kills every child at once.
  // One Ctrl-C can arrive twice (the terminal signals the whole group, and tsx relays it to us
  // again, late on a busy machine): a repeat within a second is the same Ctrl-C, not a second one.
  let stoppingSince = 0;
  const shutdown = async (code: number) => {
    if (stopping && Date.now() - stoppingSince < 1_000) return;
    if (stopping) {
      log("stopping now (second signal): killing every child");
      supervisor.killAll();
      removePid(childPids);
      process.exit(code || 130);
    }
    stopping = true;
    stoppingSince = Date.now();
    log("stopping…");
    const force = setTimeout(() => {
      log("children did not stop within 14 s: killing them");
      supervisor.killAll();
      process.exit(code || 1);
    }, 14_000);
    // Also mid-start: whatever the supervisor has started so far is stopped.
    await (stack ? stack.stop() : supervisor.stop());
    clearTimeout(force);
    removePid(childPids);
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    stack = await startStack({ dataDir: values["data-dir"]!, port, fresh: values.fresh, log, supervisor });
    if (stopping) return;
    const env = stack.env;
    const recordPids = () => writeFileSync(childPids, supervisor.pids().join("\n"));
    // The app processes; more children (e.g. a mail catcher) are one more `supervisor.add(...)`.
    if (!values["no-web"]) {
      if (!values.dev) buildIfChanged(log, { ...process.env, ...env });
      await supervisor.add({
        name: "Next.js",
        layer: 2,
        stopTimeoutMs: 6_000,
        start: () => ({ child: startNext({ port, env, dev: values.dev, quiet: values.quiet }) }),
        onStarted: recordPids,
      });
    }
    await supervisor.add({
      name: "worker",
      layer: 2,
      stopTimeoutMs: 7_000,
      start: () => ({ child: startWorker({ env, quiet: values.quiet }) }),
      onStarted: recordPids,
    });
    if (!values["no-web"]) await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    await shutdown(1);
    return;
  }
  const { DEMO } = await import("../lib/seed/demo.ts");
  const i = stack.info;
  if (values["no-web"]) log("running without Next.js (--no-web)");
  console.log(`
  Carbonmark ⇄ ICR is running.

  Carbonmark      ${stack.env.APP_URL}
    sign in       ${DEMO.carbonmark.email} / ${DEMO.carbonmark.password}   (wallet PIN ${DEMO.carbonmark.pin})
  ICR sandbox     ${stack.env.ICR_WEB_URL}
    org admin     ${DEMO.icrAdmin.email} / ${DEMO.icrAdmin.password}
    org member    ${DEMO.icrMember.email} / ${DEMO.icrMember.password}
  ICR API         ${stack.env.ICR_API_URL}   (docs: ${stack.env.ICR_WEB_URL}/docs)
  Health          ${stack.env.APP_URL}/api/health
  Mail            ${i.mailInboxUrl ? `inbox ${i.mailInboxUrl} (embedded catcher, ${stack.env.SMTP_URL})` : `SMTP_URL ${new URL(stack.env.SMTP_URL!).host}`}

  Data            ${i.dataDir}
    PostgreSQL    ${i.embeddedDb ? `embedded, ${path.join(i.dataDir, "postgres")}` : "DATABASE_URL"}
    chain         ${i.embeddedChain ? `anvil (${i.chainProfile} profile) ${i.chainRpcUrl}, state in ${path.join(i.dataDir, "chain")}` : `CHAIN_RPC_URL ${i.chainRpcUrl}`}
    dev secrets   ${i.secretsFile}${i.secretsCreated ? " (generated now)" : ""} — set the variables in production

  Ctrl-C stops everything.
`);
}

main().catch((err) => {
  console.error(`[start] ${(err as Error).message}`);
  process.exit(1);
});
