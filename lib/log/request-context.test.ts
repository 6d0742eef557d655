import { Writable } from "node:stream";
import { beforeEach, expect, it, vi } from "vitest";

// Every line the ICR API logs while serving a request lands here (the app's logger options, a capturing stream).
const lines: Record<string, unknown>[] = [];
vi.mock("@/lib/log/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log/logger")>();
  const sink = new Writable({
    write: (chunk, _enc, done) => (
      lines.push(
        ...String(chunk)
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l)),
      ),
      done()
    ),
  });
  return { ...real, logger: real.createLogger(sink) };
});

const { icrRoute } = await import("@/lib/registry/api/icr-route");
const { logger } = await import("@/lib/log/logger");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const call = (route: ReturnType<typeof icrRoute>, headers: Record<string, string> = {}) =>
  route(new Request("http://test/icr/api/openapi.json", { headers }), { params: Promise.resolve({}) });

beforeEach(() => {
  lines.length = 0;
});

it("an ICR API response carries the caller's x-request-id, and every line logged while serving it carries the same id", async () => {
  const route = icrRoute({ auth: "none" }, async () => {
    logger.info("working on it");
    await new Promise((r) => setTimeout(r, 5));
    logger.info("still working on it");
    return { ok: true };
  });
  const res = await call(route, { "x-request-id": "lb-7f3a.2:b_9" });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-request-id")).toBe("lb-7f3a.2:b_9");
  expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
    ["working on it", "lb-7f3a.2:b_9"],
    ["still working on it", "lb-7f3a.2:b_9"],
  ]);
});

it("an unsafe or overlong incoming x-request-id is replaced by a fresh one", async () => {
  const route = icrRoute({ auth: "none" }, async () => ({ ok: true }));
  for (const bad of ["<script>alert(1)</script>", "a".repeat(65), "two words", "ends-with-newline\\n"]) {
    const res = await call(route, { "x-request-id": bad });
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  }
  const [a, b] = [await call(route), await call(route)];
  expect(a.headers.get("x-request-id")).toMatch(UUID);
  expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
});

it("an unexpected error answers 500 with the request id in the header, and is logged with that id", async () => {
  const route = icrRoute({ auth: "none" }, async () => {
    throw new Error("database on fire");
  });
  const res = await call(route, { "x-request-id": "req-500" });
  expect(res.status).toBe(500);
  expect(res.headers.get("x-request-id")).toBe("req-500");
  expect(await res.json()).toMatchObject({
    statusCode: 500,
    message: "Something went wrong on our side; please retry.",
  });
  const logged = lines.find((l) => l.msg === "ICR API error");
  expect(logged).toMatchObject({ requestId: "req-500", level: 50 });
  expect(JSON.stringify(logged)).toContain("database on fire");
});

it("a 4xx answer carries the request id too, and lines logged outside any request carry none", async () => {
  const route = icrRoute({ auth: "any-token" }, async () => ({ ok: true }));
  const res = await call(route);
  expect(res.status).toBe(401);
  expect(res.headers.get("x-request-id")).toMatch(UUID);
  logger.info("between requests");
  expect(lines.at(-1)).not.toHaveProperty("requestId");
});
