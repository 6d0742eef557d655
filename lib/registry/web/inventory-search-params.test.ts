import { describe, expect, it } from "vitest";
import { inventoryQuery, ZInventorySearchParams } from "@/lib/registry/web/inventory-search-params";

describe("inventory page search params", () => {
  it("reads a state filter and a page", () => {
    expect(ZInventorySearchParams.parse({ page: "3", state: "rejected" })).toEqual({ page: 3, state: "rejected" });
  });
  it("falls back to page 1 of all history on nonsense instead of failing", () => {
    expect(ZInventorySearchParams.parse({ page: "-2", state: "drop table" })).toEqual({ page: 1, state: "all" });
    expect(ZInventorySearchParams.parse({})).toEqual({ page: 1, state: "all" });
  });
  it("writes back only what differs from the defaults", () => {
    expect(inventoryQuery({ page: 1, state: "all" })).toBe("");
    expect(inventoryQuery({ page: 2, state: "failed" })).toBe("?state=failed&page=2");
  });
});
