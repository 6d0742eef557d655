import { Interface, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { encodeMoveBatch } from "@/lib/registry/requests/move-batch";

describe("moveBatch call data", () => {
  it("is what the ABI encoder makes, for one move and for many", () => {
    const iface = new Interface(CARBON_CREDIT_ABI);
    for (const n of [1, 3, 20]) {
      const from = Array.from({ length: n }, () => Wallet.createRandom().address);
      const to = Array.from({ length: n }, () => Wallet.createRandom().address);
      const ids = from.map((_, i) => BigInt(i + 1));
      const amounts = from.map((_, i) => 10n ** 15n * BigInt(i + 1) + 7n);
      expect(encodeMoveBatch(from, to, ids, amounts)).toBe(
        iface.encodeFunctionData("moveBatch", [from, to, ids, amounts]),
      );
    }
  });
});
