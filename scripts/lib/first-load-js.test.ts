import { describe, expect, it } from "vitest";
import { moduleScriptSrcs, routeOf } from "./first-load-js";

describe("first-load JS accounting", () => {
  it("names a page by its URL, route groups dropped", () => {
    expect(routeOf("")).toBe("/");
    expect(routeOf("(carbonmark)/sign-in")).toBe("/sign-in");
    expect(routeOf("icr/organizations/[id]/inventory")).toBe("/icr/organizations/[id]/inventory");
  });

  it("counts the scripts a modern browser fetches, not the noModule polyfills", () => {
    const html =
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>' +
      '<script src="/_next/static/chunks/main-app.js" async="" nonce="n"></script>' +
      "<script nonce=\"n\">self.__next_f.push([1,''])</script>" +
      '<script src="/_next/static/chunks/main-app.js" async=""></script>' +
      "<script async src='/_next/static/chunks/app/page.js'></script>";
    expect(moduleScriptSrcs(html)).toEqual(["/_next/static/chunks/main-app.js", "/_next/static/chunks/app/page.js"]);
  });
});
