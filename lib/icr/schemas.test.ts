import { describe, expect, it } from "vitest";
import { numberToDecimalString, ZIcrAmount, ZIcrInventory, ZIcrOrganizationAddresses } from "@/lib/icr/schemas";

describe("ICR amounts", () => {
  it.each([
    [100, "100"],
    [0.001, "0.001"],
    [12.5, "12.5"],
    ["7.500", "7.5"],
    ["0010", "10"],
    [1e21, "1000000000000000000000"],
    [1e-7, "0.0000001"],
  ])("%s becomes %s", (input, out) => {
    expect(ZIcrAmount.parse(input)).toBe(out);
  });

  it.each([-1, Number.NaN, "1e3", "abc", ""])("refuses %s", (input) => {
    expect(ZIcrAmount.safeParse(input).success).toBe(false);
  });

  it("handles exponents exactly", () => {
    expect(numberToDecimalString(2.5e-8)).toBe("0.000000025");
  });
});

describe("ICR inventory", () => {
  it("accepts credits with a nested project and normalizes them", () => {
    const inv = ZIcrInventory.parse({
      organizationId: "o",
      credits: [
        {
          id: "exPost-1-0xabc",
          tokenId: 1,
          tokenAddress: "0xabc",
          serialization: "S",
          vintage: 2021,
          amount: 1000,
          available: 997.5,
          project: { fullName: "Highlands" },
        },
      ],
    });
    expect(inv.credits[0]).toEqual({
      creditId: "exPost-1-0xabc",
      tokenId: "1",
      tokenAddress: "0xabc",
      serialization: "S",
      vintage: "2021",
      amount: "1000",
      available: "997.5",
      projectName: "Highlands",
    });
  });

  it("accepts the bare list the sandbox returns", () => {
    const inv = ZIcrInventory.parse([
      {
        organizationId: "o",
        id: "exPost-2-0xabc",
        tokenId: "2",
        tokenAddress: "0xabc",
        serialization: "S",
        vintage: "2022",
        amount: 500,
        available: 499.999,
        reserved: 0.001,
        project: { id: "p", fullName: "Highlands", num: "354" },
      },
    ]);
    expect(inv.credits[0]).toMatchObject({
      creditId: "exPost-2-0xabc",
      available: "499.999",
      projectName: "Highlands",
    });
  });

  it("reads addresses given as strings or objects", () => {
    const a = "0x" + "ab".repeat(20);
    expect(ZIcrOrganizationAddresses.parse({ addresses: [{ address: a, isDefault: true }] })).toEqual([
      { address: a, isDefault: true },
    ]);
    expect(ZIcrOrganizationAddresses.parse([a])).toEqual([{ address: a, isDefault: false }]);
    expect(ZIcrOrganizationAddresses.safeParse({ addresses: [] }).success).toBe(false);
  });
});
