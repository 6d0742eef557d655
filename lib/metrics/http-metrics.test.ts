import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { withRequestContext } from "@/lib/log/request-context";
import { metricsRegistry } from "@/lib/metrics/registry";

// Every route handler is wrapped like this; the paths are what an attacker may send to the
// catch-all and dynamic routes (next-auth's /api/auth/*, ICR's /icr/api/*, ids of any shape).
const handler = withRequestContext(async () => new Response("{}", { status: 404 }));
const invented = () => randomBytes(6).toString("hex");

/** The histogram's series (one `_count` sample per label set). */
async function series() {
  const { values } = await metricsRegistry().getSingleMetric("http_request_duration_seconds")!.get();
  return (values as { metricName?: string; labels: Record<string, unknown> }[]).filter((v) =>
    v.metricName?.endsWith("_count"),
  );
}

async function routeLabels(): Promise<string[]> {
  const routes = (await series()).map((v) => String(v.labels.route));
  return [...new Set(routes)].sort();
}

it("requests to invented paths add no route label: each is its handler's template, or `other`", async () => {
  for (let i = 0; i < 200; i++) {
    for (const path of [
      `/api/auth/${invented()}`,
      `/api/auth/${invented()}/${invented()}`,
      `/icr/api/organizations/${invented()}/inventory`,
      `/icr/api/organizations/${randomBytes(20).toString("hex")}/inventory/action/${invented()}`,
      `/icr/api/${invented()}/${invented()}`,
      `/${invented()}`,
    ])
      await handler(new Request(`http://localhost${path}`, { method: i % 2 ? "GET" : "POST" }));
  }
  expect(await routeLabels()).toEqual([
    "/api/auth/[...nextauth]",
    "/icr/api/[...path]",
    "/icr/api/organizations/[id]/inventory",
    "/icr/api/organizations/[id]/inventory/action/[action]",
    "other",
  ]);
  expect(await series()).toHaveLength(5 * 2); // × GET, POST
});
