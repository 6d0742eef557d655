import { describe, expect, it } from "vitest";
import { compareAmounts, formatAmount, fromBaseUnits, toBaseUnits, ZCreditAmount } from "@/lib/amount";

const parse = (s: unknown) => ZCreditAmount.safeParse(s);
const message = (s: unknown) => parse(s).error?.issues[0]?.message;

describe("ZCreditAmount", () => {
  it.each([
    ["0.001", "0.001"],
    ["1", "1"],
    ["12.500", "12.5"],
    ["007", "7"],
    [" 3.25 ", "3.25"],
  ])("accepts %j as %j", (input, out) => {
    expect(parse(input).data).toBe(out);
  });

  it.each([
    ["0", "The quantity must be at least 0.001"],
    ["0.000", "The quantity must be at least 0.001"],
    ["-1", "The quantity must be at least 0.001"],
    ["-0.5", "The quantity must be at least 0.001"],
    ["1e3", "Enter a plain number such as 12.5 (no signs, letters or exponents)"],
    ["abc", "Enter a plain number such as 12.5 (no signs, letters or exponents)"],
    ["0.0001", "Use at most 3 decimals (the smallest amount is 0.001)"],
    ["", "Enter a quantity"],
    ["1.", "Enter a plain number such as 12.5 (no signs, letters or exponents)"],
  ])("refuses %j: %s", (input, msg) => {
    expect(message(input)).toBe(msg);
  });

  it("refuses a number type (amounts cross boundaries as strings)", () => {
    expect(parse(1).success).toBe(false);
  });
});

describe("base units", () => {
  it("round-trips exactly, including values floats cannot hold", () => {
    expect(toBaseUnits("0.001")).toBe(10n ** 15n);
    expect(fromBaseUnits(toBaseUnits("123456789012345678.123456789012345678"))).toBe(
      "123456789012345678.123456789012345678",
    );
    expect(fromBaseUnits(toBaseUnits("0.1") + toBaseUnits("0.2"))).toBe("0.3");
  });

  it("compares and formats without floats", () => {
    expect(compareAmounts("0.3", "0.300")).toBe(0);
    expect(compareAmounts("1000", "999.999")).toBe(1);
    expect(formatAmount("1234567.8999")).toBe("1,234,567.899");
    expect(formatAmount("100")).toBe("100");
  });
});
