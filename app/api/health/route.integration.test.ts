import { expect, it } from "vitest";
import { freePort } from "@/lib/stack/ports";

// The chain of this file points at a port where nothing listens: the check must say so, with a 503.
process.env.CHAIN_RPC_URL = `http://127.0.0.1:${await freePort()}`;
process.env.METRICS_TOKEN = "operator-scrape-token-0123";
const { GET } = await import("./route");

it("answers 503 and names the dependency that is down; the operator also reads why", async () => {
  const res = await GET(new Request("http://localhost/api/health"));
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({
    status: "degraded",
    checks: { database: { ok: true }, chain: { ok: false }, migrations: { ok: true }, workers: { ok: false } },
  });

  const detailed = await GET(
    new Request("http://localhost/api/health", { headers: { authorization: "Bearer operator-scrape-token-0123" } }),
  );
  const body = await detailed.json();
  expect(body.checks.chain).toMatchObject({ ok: false, detail: expect.any(String) });
  expect(body.checks.database).toMatchObject({ ok: true, detail: "reachable" });
});
