import { describe, expect, it } from "vitest";
import { quantityProblem } from "@/components/carbonmark/quantity-problem";

describe("quantity problems shown in the forms", () => {
  it.each([
    ["0", /at least 0.001/],
    ["-1", /must be at least 0.001/],
    ["1e3", /plain number/],
    ["0.0001", /at most 3 decimals/],
    ["abc", /plain number/],
    ["", /Enter a quantity/],
    ["12.001", /at most 12/],
  ])("%j is refused", (q, msg) => {
    expect(quantityProblem(q, "12")).toMatch(msg);
  });

  it("accepts the whole available amount and the smallest one", () => {
    expect(quantityProblem("12", "12")).toBeUndefined();
    expect(quantityProblem("0.001", "12")).toBeUndefined();
  });

  it("wants an asset first", () => {
    expect(quantityProblem("1", undefined)).toMatch(/Select an asset/);
  });
});
