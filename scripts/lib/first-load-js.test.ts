import { describe, expect, it } from "vitest";
import { firstLoadReport, judgeFirstLoad, moduleScriptSrcs, routeOf } from "./first-load-js";

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

  it("holds signed-out pages to 8 kB over the floor and every other page to 15", () => {
    expect(judgeFirstLoad({ route: "/sign-in", kB: 140.4, floorKB: 132.5 })).toMatchObject({
      isOver: false,
      targetKB: 8,
    });
    expect(judgeFirstLoad({ route: "/sign-in", kB: 140.6, floorKB: 132.5 })).toMatchObject({
      isOver: true,
      targetKB: 8,
    });
    expect(judgeFirstLoad({ route: "/portfolio", kB: 140.6, floorKB: 132.5 })).toMatchObject({ isOver: false });
    expect(judgeFirstLoad({ route: "/import/icr", kB: 147.6, floorKB: 132.5 })).toMatchObject({
      isOver: true,
      targetKB: 15,
    });
  });

  it("prints every page beside the floor and names the pages over target", () => {
    const report = firstLoadReport(
      [
        judgeFirstLoad({ route: "/", kB: 134, floorKB: 132.5 }),
        judgeFirstLoad({ route: "/settings/pin", kB: 160, floorKB: 132.5 }),
      ],
      132.5,
    );
    expect(report).toContain("| / | 134.0 kB | 132.5 kB | +1.5 kB | ≤ +8 kB | ok |");
    expect(report).toContain("| /settings/pin | 160.0 kB | 132.5 kB | +27.5 kB | ≤ +15 kB | **OVER TARGET** |");
    expect(report).toContain("OVER TARGET (1 of 2 pages): /settings/pin +27.5 kB > +15");
    expect(firstLoadReport([judgeFirstLoad({ route: "/", kB: 134, floorKB: 132.5 })], 132.5)).toContain(
      "Every page within target (1 pages).",
    );
  });
});
