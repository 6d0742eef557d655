import { describe, expect, it } from "vitest";
import { parseCreditId, toCreditId } from "@/lib/carbonmark/portfolio/credit-id";

describe("credit ids", () => {
  const address = "0x" + "aB".repeat(20);
  it("round-trips", () => {
    expect(parseCreditId(toCreditId(address, 7n))).toEqual({ type: "exPost", tokenId: "7", tokenAddress: address });
  });
  it.each(["exPost-1-0x12", "other-1-" + address, "exPost--" + address, ""])("refuses %j", (s) => {
    expect(parseCreditId(s)).toBeUndefined();
  });
});
