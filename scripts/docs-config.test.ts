import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configDocComments, operationsDoc, withConfigTable } from "./lib/config-table.ts";
import { ZConfig } from "../lib/config.ts";

describe("docs/operations.md's variable table", () => {
  it("is the one ZConfig makes (run `npm run docs:config` after changing lib/config.ts)", () => {
    const doc = readFileSync(operationsDoc, "utf8");
    expect(doc).toBe(withConfigTable(doc));
  });

  it("every ZConfig variable has a doc comment, its meaning", () => {
    const comments = configDocComments();
    const missing = Object.keys(ZConfig.shape).filter((k) => !comments.get(k));
    expect(missing).toEqual([]);
  });
});
