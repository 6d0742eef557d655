// Two app instances on one database: each seeds at start and runs a worker. The second's seed must
// not redirect the Carbonmark app's webhooks to itself, and webhooks keep flowing when either stops.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { enqueueWebhook } from "@/lib/registry/webhooks/enqueue-webhook";
import { ensureOrganization } from "@/lib/seed/registry-factories";
import { startLocalServer } from "@/lib/testing/local-http-server";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
const INSTANCE_A = "http://127.0.0.1:4101";
const INSTANCE_B = "http://127.0.0.1:4102";
let receiver: Awaited<ReturnType<typeof startLocalServer>>;
const workers = new Map<string, ChildProcess>();

const envFor = (appUrl: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  APP_URL: appUrl,
  ICR_API_URL: `${appUrl}/icr/api`,
  ICR_WEB_URL: `${appUrl}/icr`,
  LOG_LEVEL: "warn",
  ...extra,
});

function seed(appUrl: string, extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", tsx, "scripts/prod/seed.ts"], {
    cwd: root,
    env: envFor(appUrl, extra),
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function startWorker(name: string, appUrl: string) {
  const child = spawn(process.execPath, ["--import", tsx, "scripts/worker.ts"], {
    cwd: root,
    env: envFor(appUrl),
    stdio: "ignore",
  });
  workers.set(name, child);
}

async function stopWorker(name: string) {
  const child = workers.get(name)!;
  workers.delete(name);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function delivered(deliveryId: string, label: string, timeoutMs = 60_000) {
  const started = Date.now();
  const deadline = started + timeoutMs;
  while (Date.now() < deadline) {
    if (receiver.requests.some((r) => r.headers["x-icr-delivery"] === deliveryId)) {
      console.log(`${label}: webhook delivered after ${Date.now() - started} ms`);
      return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

beforeAll(async () => {
  receiver = await startLocalServer((_req, res) => void res.writeHead(200).end());
});
afterAll(async () => {
  for (const name of [...workers.keys()]) await stopWorker(name);
  await stopBoss({ graceful: false, wait: true });
  await receiver.close();
});

describe("two instances seeded against one database", () => {
  it("keep the registered app's webhook URL, key and secret, and webhooks keep flowing when either stops", async () => {
    // A registers the app; its owner then points the webhook at the shared public address (a load balancer in production).
    seed(INSTANCE_A);
    expect((await prisma.icrApp.findUniqueOrThrow({ where: { id: config().ICR_APP_ID } })).webhookUrl).toBe(
      `${INSTANCE_A}/api/webhooks/icr`,
    );
    await prisma.icrApp.update({
      where: { id: config().ICR_APP_ID },
      data: { webhookUrl: `${receiver.url}/api/webhooks/icr` },
    });
    seed(INSTANCE_A); // A restarts
    const registered = await prisma.icrApp.findUniqueOrThrow({
      where: { id: config().ICR_APP_ID },
      omit: { webhookSecret: false },
    });
    expect(registered.webhookUrl).toBe(`${receiver.url}/api/webhooks/icr`);

    // B starts later with its own APP_URL (and even another webhook secret): nothing is overwritten.
    const out = seed(INSTANCE_B, { ICR_WEBHOOK_SECRET: "another-instance-secret-0123456789" });
    const after = await prisma.icrApp.findUniqueOrThrow({
      where: { id: config().ICR_APP_ID },
      omit: { webhookSecret: false },
    });
    expect(after).toEqual(registered);
    expect(out).toMatch(/already registered with another key, webhook secret or callback URL/);

    const org = await ensureOrganization({ fullName: "Two Instances Org", countryCode: "IS", type: "broker" });
    const send = () =>
      enqueueWebhook({
        appId: registered.id,
        event: "installed",
        installation: { id: org.id, organizationId: org.id },
      });
    startWorker("A", INSTANCE_A);
    startWorker("B", INSTANCE_B);
    expect(await delivered(await send(), "both workers starting")).toBe(true);
    expect(await delivered(await send(), "both workers up (baseline)")).toBe(true);

    await stopWorker("A");
    expect(await delivered(await send(), "A stopped")).toBe(true);

    startWorker("A", INSTANCE_A);
    await stopWorker("B");
    expect(await delivered(await send(), "B stopped, A restarting")).toBe(true);
    expect(receiver.requests.every((r) => r.url === "/api/webhooks/icr")).toBe(true);
  }, 240_000);
});
