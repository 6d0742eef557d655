import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every repository path the docs name exists: a moved or deleted file cannot leave a doc pointing at nothing.
const root = path.resolve(import.meta.dirname, "..");
const TOP = "app|lib|components|scripts|prisma|e2e|docs|tests|contracts|public|\\.ci";
const PATH = new RegExp(`(?<![\\w./@-])((?:${TOP})/[A-Za-z0-9_.\\-/()\\[\\]]+)`, "g");
// Directories a run creates (git-ignored), named in the docs as where output lands.
const OUTPUTS = new Set(["e2e/screenshots", "contracts/build"]);

export function pathsNamedIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(PATH)) {
    let p = m[1]!.split("](")[0]!.replace(/[.,;:]+$/, "");
    // A ")" or "]" that closes the sentence's bracket, not the path's (`app/(carbonmark)` keeps its own).
    const count = (c: string) => p.split(c).length - 1;
    while ((p.endsWith(")") && count(")") > count("(")) || (p.endsWith("]") && count("]") > count("[")))
      p = p.slice(0, -1).replace(/[.,;:]+$/, "");
    p = p.replace(/\/$/, "");
    // A name cut off at "-" is a pattern (`reconcile-*`), not a path.
    if (p.endsWith("-") || [...OUTPUTS].some((o) => p === o || p.startsWith(`${o}/`))) continue;
    found.add(p);
  }
  return [...found];
}

const docs = ["README.md", ...readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

describe("paths named in the docs", () => {
  it.each(docs)("%s names only paths that exist", (doc) => {
    const missing = pathsNamedIn(readFileSync(path.join(root, doc), "utf8")).filter(
      (p) => !existsSync(path.join(root, p)),
    );
    expect(missing).toEqual([]);
  });

  it("finds the paths a doc names (a link, a table cell, a route folder)", () => {
    expect(
      pathsNamedIn("see [ops](docs/operations.md), `lib/config.ts`; app/icr/organizations/[id]/page.tsx."),
    ).toEqual(["docs/operations.md", "lib/config.ts", "app/icr/organizations/[id]/page.tsx"]);
    expect(pathsNamedIn("`@prisma/adapter-pg` and /app/token")).toEqual([]);
    expect(pathsNamedIn("(in `app/(carbonmark)`, see lib/config.ts)")).toEqual(["app/(carbonmark)", "lib/config.ts"]);
  });
});
