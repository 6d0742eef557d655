import { describe, expect, it } from "vitest";
import { Prisma, type IcrRetirement } from "@/lib/generated/prisma/client";
import { canonicalRecord, ZRetirementRecord } from "@/lib/proof/signed-record";
import { retirementRecord } from "@/lib/registry/signing/retirement-record";

// The record the registry signs: the retirement's facts, exact; bound details with their salt;
// a beneficiary hidden from the public stays out of it (and so does the salt that would expose it).
const row: IcrRetirement = {
  id: "5b7f8e4e-3c1a-4d8e-9a53-0c1f2e3d4a5b",
  txId: `0x${"ab".repeat(32)}`,
  logIndex: 3,
  retireeAddress: `0x${"12".repeat(20)}`,
  organizationId: null,
  creditId: "c",
  tokenAddress: `0x${"cd".repeat(20)}`,
  tokenId: "7",
  serialization: "ICR-1",
  vintage: "2025",
  amount: new Prisma.Decimal("123456789.000000000000000001"),
  projectId: "p",
  isClaimed: true,
  beneficiary: "Acme 2024 Ltd",
  reason: "Net zero",
  comment: null,
  requestId: null,
  createdAt: new Date("2026-11-22T10:00:00Z"),
  claimedAt: new Date("2026-11-22T10:15:00Z"),
  commitment: null,
  commitmentSalt: null,
  beneficiaryHiddenUntil: null,
};
const project = { id: "p", num: "1001", fullName: "Hellisheidi" };
const bound = { commitment: `0x${"ee".repeat(32)}`, commitmentSalt: "5a".repeat(32) };

describe("the signed retirement record", () => {
  it("holds the facts exactly (amount to the last of 18 decimals), canonical RFC 8785, with the bound commitment and its salt", async () => {
    const record = await retirementRecord({ ...row, ...bound }, project);
    expect(ZRetirementRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      amount: "123456789.000000000000000001",
      chainId: "31337",
      logIndex: 3,
      beneficiary: "Acme 2024 Ltd",
      finalizedAt: "2026-11-22T10:15:00.000Z",
      ...bound,
    });
    const bytes = canonicalRecord(record);
    expect(bytes.startsWith('{"account":"0x1212')).toBe(true);
    expect(Object.keys(JSON.parse(bytes))).toEqual(Object.keys(JSON.parse(bytes)).sort());
    // Without bound details (older contracts): neither field.
    expect(await retirementRecord(row, project)).not.toHaveProperty("commitmentSalt");
  });

  it("while the beneficiary is hidden: no name, no salt, the date it becomes public; after it, both", async () => {
    const until = new Date("2027-03-01T00:00:00Z");
    const hidden = await retirementRecord(
      { ...row, ...bound, beneficiaryHiddenUntil: until },
      project,
      new Date("2027-02-28T00:00:00Z"),
    );
    expect(hidden).toMatchObject({ beneficiary: null, beneficiaryHiddenUntil: until.toISOString() });
    expect(hidden).not.toHaveProperty("commitmentSalt");
    expect(canonicalRecord(hidden)).not.toContain("Acme");
    const shown = await retirementRecord({ ...row, ...bound, beneficiaryHiddenUntil: until }, project, until);
    expect(shown).toMatchObject({ beneficiary: "Acme 2024 Ltd", commitmentSalt: bound.commitmentSalt });
    expect(shown).not.toHaveProperty("beneficiaryHiddenUntil");
  });
});
