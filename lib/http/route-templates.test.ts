import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_HANDLERS, routeHandlerOf } from "@/lib/http/route-templates";

/** The route of every app/**\/route.ts, as Next.js serves it (route groups such as (carbonmark) are not in the URL). */
function routeFiles(): string[] {
  const app = path.resolve("app");
  return readdirSync(app, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map(
      (f) =>
        "/" +
        path
          .dirname(f)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/"),
    )
    .sort();
}

describe("route handler templates", () => {
  it("list exactly the app's route handlers", () => {
    expect([...ROUTE_HANDLERS].sort()).toEqual(routeFiles());
  });

  it.each([
    ["/api/health", "/api/health"],
    ["/api/auth/csrf", "/api/auth/[...nextauth]"],
    ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
    ["/icr/api/organizations/abc/inventory", "/icr/api/organizations/[id]/inventory"],
    ["/icr/api/organizations/abc/inventory/action/retire", "/icr/api/organizations/[id]/inventory/action/[action]"],
    ["/icr/api/retirements/finalize", "/icr/api/retirements/finalize"],
    ["/icr/api/retirements/x/pdf", "/icr/api/retirements/[retirementId]/pdf"],
    ["/icr/api/app/installations/token", "/icr/api/app/installations/token"],
    ["/icr/api/app/installations/other", "/icr/api/app/installations/[installationId]"],
    ["/icr/api/no/such/endpoint", "/icr/api/[...path]"],
    ["/icr/api/organizations/abc/inventory/x/y/z", "/icr/api/[...path]"],
    ["/icr/retirements/x/certificate", "/icr/retirements/[retirementId]/certificate"],
  ])("%s is served by %s", (pathname, template) => expect(routeHandlerOf(pathname)).toBe(template));

  it.each([
    "/",
    "/portfolio",
    "/api",
    "/api/",
    "/api/no-such-thing",
    "/api/auth",
    "/api/carbonmark/retirements/x/y/certificate",
    "/icr/retirements/x/y/certificate",
    "/no/certificate",
    "/icr/api",
  ])("no route handler serves %s", (pathname) => expect(routeHandlerOf(pathname)).toBeUndefined());
});
