import { afterEach, expect, it } from "vitest";
import { GET } from "./route";

const get = (authorization?: string) =>
  GET(new Request("http://test/metrics", { headers: authorization ? { authorization } : {} }));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

it("/metrics does not exist (404) while no METRICS_TOKEN is configured, even with a token", async () => {
  expect((await get()).status).toBe(404);
  expect((await get("Bearer anything-at-all-123456")).status).toBe(404);
});

it("/metrics answers 401 without the token or with a wrong one, and shows no metric", async () => {
  process.env.METRICS_TOKEN = "scrape-secret-0123456789";
  for (const auth of [
    undefined,
    "Bearer wrong-secret-0123456789",
    "Basic c2NyYXBlOnNlY3JldA==",
    "Bearer scrape-secret-012345678",
    "scrape-secret-0123456789",
  ]) {
    const res = await get(auth);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(await res.text()).not.toContain("# TYPE");
  }
});
