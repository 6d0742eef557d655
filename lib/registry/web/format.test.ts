import { describe, expect, it } from "vitest";
import { formatAmount } from "@/lib/registry/web/format";

describe("formatAmount", () => {
  it.each([
    ["0", "0"],
    ["1000", "1,000"],
    ["1234567.500", "1,234,567.5"],
    ["0.001", "0.001"],
    ["12.000000000000000000", "12"],
    ["-1500.25", "-1,500.25"],
  ])("%s → %s", (input, out) => expect(formatAmount(input)).toBe(out));
});
