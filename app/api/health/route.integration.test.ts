import { expect, it } from "vitest";
import { freePort } from "@/scripts/lib/ports";

// The chain of this file points at a port where nothing listens: the check must say so, with a 503.
process.env.CHAIN_RPC_URL = `http://127.0.0.1:${await freePort()}`;
const { GET } = await import("./route");

it("answers 503 and names the dependency that is down", async () => {
  const res = await GET(new Request("http://localhost/api/health"));
  expect(res.status).toBe(503);
  const body = await res.json();
  expect(body.status).toBe("degraded");
  expect(body.checks.chain.ok).toBe(false);
  expect(body.checks.database).toMatchObject({ ok: true, detail: "reachable" });
  expect(body.checks.migrations.ok).toBe(true);
});
