import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, expect, it, vi } from "vitest";
import { freePort } from "@/lib/stack/ports";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// A hosted RPC whose key is in its URL answers 401 (a revoked key), and the database is down: the
// public health answer says which check failed and nothing else; the errors' details (the RPC URL
// with its key, the database's host) reach only the bearer of METRICS_TOKEN and the log, redacted.
const KEY = "k3yOfTheHostedRpc0123456789abcdef";
const rpc = await startLocalServer((req, res) =>
  req.url.includes("/v3/") ? sendJson(res, 401, { error: `invalid project id ${KEY}` }) : sendJson(res, 404, {}),
);
const dbPort = await freePort();
process.env.CHAIN_RPC_URL = `${rpc.url}/v3/${KEY}?apikey=${KEY}`;
process.env.DATABASE_URL = `postgresql://carbonmark:db-pa55word-secret@127.0.0.1:${dbPort}/carbonmark`;
process.env.METRICS_TOKEN = "operator-scrape-token-0123";

const logged: Record<string, unknown>[] = [];
vi.mock("@/lib/log/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log/logger")>();
  const sink = new Writable({
    write: (chunk, _enc, done) => (logged.push(JSON.parse(String(chunk))), done()),
  });
  return { ...real, logger: pino({ ...real.loggerOptions, level: "info" }, sink) };
});
const { GET } = await import("./route");
afterAll(() => rpc.close());

const get = (headers: Record<string, string> = {}) => GET(new Request("http://localhost/api/health", { headers }));

it("anyone gets the status and each check's ok: no host, no port, no error message, no key", async () => {
  const res = await get();
  expect(res.status).toBe(503);
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({
    status: "degraded",
    checks: { database: { ok: false }, chain: { ok: false }, migrations: { ok: false }, workers: { ok: false } },
  });
  for (const leak of [KEY, "127.0.0.1", String(dbPort), new URL(rpc.url).port, "db-pa55word", "401"])
    expect(text).not.toContain(leak);
  // A wrong token gets the public answer too.
  expect(await (await get({ authorization: "Bearer not-the-operator-token" })).json()).toEqual(JSON.parse(text));
});

it("the bearer of METRICS_TOKEN gets each check's detail, with the RPC key and the database password redacted", async () => {
  const res = await get({ authorization: "Bearer operator-scrape-token-0123" });
  expect(res.status).toBe(503);
  const text = await res.text();
  const body = JSON.parse(text);
  expect(body.checks.chain).toMatchObject({ ok: false, detail: expect.stringContaining("401") });
  expect(body.checks.database).toMatchObject({ ok: false, detail: expect.any(String) });
  expect(body.checks.database.detail.length).toBeGreaterThan(0);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain("db-pa55word");
});

it("a degraded answer's details are logged, redacted the same way", () => {
  const line = logged.find((l) => l.msg === "health check degraded");
  expect(line).toMatchObject({ level: 40, checks: { chain: { ok: false, detail: expect.stringContaining("401") } } });
  expect(JSON.stringify(logged)).not.toContain(KEY);
  expect(JSON.stringify(logged)).not.toContain("db-pa55word");
});
