import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listPublicRetirements, ZPublicRetirementQuery } from "@/lib/registry/retirements/public-retirements";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";

// ICR's public list: filters, totals per beneficiary and keyset pages, over rows written straight
// into the registry's table (the list reads only the table; the chain is not involved).
async function seed() {
  const peat = await ensureProject({ num: "list-1", fullName: "Highlands Peat", countryCode: "IS" });
  const forest = await ensureProject({ num: "list-2", fullName: "Lowland Forest", countryCode: "IS" });
  const holder = "0x000000000000000000000000000000000000bEEF";
  const a = await ensureIssuance({ project: peat, tokenId: 1, vintage: "2021", amount: "1", holder });
  const b = await ensureIssuance({ project: forest, tokenId: 1, vintage: "2023", amount: "1", holder });
  const rows = [
    { credit: a, projectId: peat.id, beneficiary: "Acme 2024 Ltd", amount: "1.5", day: "2026-01-10" },
    { credit: a, projectId: peat.id, beneficiary: "Acme 2024 Ltd", amount: "2", day: "2026-02-10" },
    { credit: b, projectId: forest.id, beneficiary: "Nordic Bakery", amount: "3", day: "2026-03-10" },
    { credit: b, projectId: forest.id, beneficiary: "Secret Corp", amount: "4", day: "2026-04-10", hidden: true },
    { credit: b, projectId: forest.id, beneficiary: null, amount: "5", day: "2026-05-10" },
  ];
  for (const [i, r] of rows.entries())
    await prisma.icrRetirement.create({
      data: {
        txId: `0x${String(i).padStart(64, "a")}`,
        logIndex: 0,
        retireeAddress: holder,
        creditId: r.credit.id,
        tokenAddress: r.credit.tokenAddress,
        tokenId: r.credit.tokenId,
        serialization: r.credit.serialization,
        vintage: r.credit.vintage,
        amount: r.amount,
        projectId: r.projectId,
        isClaimed: r.beneficiary !== null,
        beneficiary: r.beneficiary,
        beneficiaryHiddenUntil: r.hidden ? new Date(Date.now() + 86_400_000) : null,
        createdAt: new Date(`${r.day}T12:00:00Z`),
      },
    });
}

const list = (q: Record<string, string>) => listPublicRetirements(ZPublicRetirementQuery.parse(q));

describe("ICR's public retirement list", () => {
  it("filters by beneficiary, project, vintage and date, with totals per beneficiary, and keeps hidden beneficiaries out", async () => {
    await seed();
    const acme = await list({ beneficiary: "acme" });
    expect(acme.retirements.map((r) => r.amount)).toEqual(["2", "1.5"]);
    expect(acme.totals).toEqual([{ beneficiary: "Acme 2024 Ltd", amount: "3.5", count: 2 }]);

    expect((await list({ project: "forest" })).retirements.map((r) => r.amount)).toEqual(["5", "4", "3"]);
    expect((await list({ vintage: "2021" })).retirements).toHaveLength(2);
    expect((await list({ from: "2026-02-01", to: "2026-03-10" })).retirements.map((r) => r.amount)).toEqual(["3", "2"]);

    // A hidden beneficiary: listed, without the name; not found by its name; not in the totals.
    const all = await list({});
    const hidden = all.retirements.find((r) => r.amount === "4")!;
    expect(hidden).toMatchObject({ beneficiary: null, beneficiaryHidden: true });
    expect((await list({ beneficiary: "Secret" })).retirements).toEqual([]);
    expect(JSON.stringify(await list({ project: "forest" }))).not.toContain("Secret Corp");
  });

  it("keeps its totals per beneficiary as retirements are added, claimed, hidden and removed", async () => {
    const project = await ensureProject({ num: "list-3", fullName: "Coastal Mangrove", countryCode: "IS" });
    const credit = await ensureIssuance({
      project,
      tokenId: 1,
      vintage: "2022",
      amount: "1",
      holder: "0x000000000000000000000000000000000000bEEF",
    });
    const row = (i: number, amount: string, day: string) => ({
      txId: `0x${String(i).padStart(64, "b")}`,
      logIndex: 0,
      retireeAddress: "0x000000000000000000000000000000000000bEEF",
      creditId: credit.id,
      tokenAddress: credit.tokenAddress,
      tokenId: credit.tokenId,
      serialization: credit.serialization,
      vintage: credit.vintage,
      amount,
      projectId: project.id,
      createdAt: new Date(`${day}T23:59:59Z`),
    });
    const totals = async (q: Record<string, string> = {}) => (await list({ project: "mangrove", ...q })).totals;

    // Unclaimed on chain: no beneficiary yet, no total. Claimed: counted.
    const first = await prisma.icrRetirement.create({ data: row(1, "1.25", "2026-06-01") });
    expect(await totals()).toEqual([]);
    await prisma.icrRetirement.update({ where: { id: first.id }, data: { isClaimed: true, beneficiary: "Zed Works" } });
    expect(await totals()).toEqual([{ beneficiary: "Zed Works", amount: "1.25", count: 1 }]);

    // Several in one statement, two beneficiaries, two days.
    await prisma.icrRetirement.createMany({
      data: [
        { ...row(2, "2", "2026-06-01"), isClaimed: true, beneficiary: "Zed Works" },
        { ...row(3, "0.5", "2026-06-02"), isClaimed: true, beneficiary: "Zed Works" },
        { ...row(4, "10", "2026-06-02"), isClaimed: true, beneficiary: "Ypsilon Farms" },
      ],
    });
    expect(await totals()).toEqual([
      { beneficiary: "Ypsilon Farms", amount: "10", count: 1 },
      { beneficiary: "Zed Works", amount: "3.75", count: 3 },
    ]);
    // A date range is whole UTC days: the last second of the `to` day is in it.
    expect(await totals({ from: "2026-06-01", to: "2026-06-01" })).toEqual([
      { beneficiary: "Zed Works", amount: "3.25", count: 2 },
    ]);
    expect(await totals({ beneficiary: "zed", from: "2026-06-02" })).toEqual([
      { beneficiary: "Zed Works", amount: "0.5", count: 1 },
    ]);

    // Hidden by the retiree: out of the totals until its date; removed: out for good.
    await prisma.icrRetirement.updateMany({
      where: { beneficiary: "Ypsilon Farms" },
      data: { beneficiaryHiddenUntil: new Date(Date.now() + 86_400_000) },
    });
    expect((await totals()).map((t) => t.beneficiary)).toEqual(["Zed Works"]);
    await prisma.icrRetirement.delete({ where: { id: first.id } });
    expect(await totals()).toEqual([{ beneficiary: "Zed Works", amount: "2.5", count: 2 }]);
    await prisma.icrRetirement.updateMany({
      where: { beneficiary: "Ypsilon Farms" },
      data: { beneficiaryHiddenUntil: new Date(Date.now() - 1000) },
    });
    expect((await totals()).map((t) => t.beneficiary)).toEqual(["Ypsilon Farms", "Zed Works"]);
  });

  it("pages by keyset: each row once, newest first, however the pages fall", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await list({ first: "2", ...(after ? { after } : {}) });
      seen.push(...page.retirements.map((r) => r.createdAt));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(await prisma.icrRetirement.count());
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("refuses a malformed page or date with a message", () => {
    expect(ZPublicRetirementQuery.safeParse({ after: "../etc" }).error?.issues[0]?.message).toBe(
      "Not a page of this list",
    );
    expect(ZPublicRetirementQuery.safeParse({ from: "10/01/2026" }).error?.issues[0]?.message).toBe(
      "Dates are YYYY-MM-DD",
    );
  });
});
