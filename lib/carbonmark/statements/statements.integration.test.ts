import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { PDFParse } from "pdf-parse";
import { retirementReport } from "@/lib/carbonmark/statements/retirement-report";
import { renderRetirementReportPdf } from "@/lib/carbonmark/statements/retirement-report-pdf";
import { readCsv } from "@/lib/carbonmark/statements/read-csv.test-helper";
import { streamStatement, ZStatementRequest } from "@/lib/carbonmark/statements/stream-statement";

// Golden files: UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
const GOLDEN = path.join(import.meta.dirname, "__golden__");
const ORG = "00000000-0000-4000-8000-000000000001";
const TOKEN = "0x00000000000000000000000000000000000000C7";
const CREDIT = `exPost-7-${TOKEN}`;
const OTHER_CREDIT = `exPost-9-${TOKEN}`;
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const at = (day: number, h = 9) => new Date(Date.UTC(2026, 0, day, h, 15));
const E18 = 10n ** 18n;

async function text(userId: string, query: Record<string, string>) {
  const req = ZStatementRequest.parse(query);
  return new Response(streamStatement(userId, req).body).text();
}
function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("statements", async () => {
  const user = await ensureCmUser({ email: "statements@test.test", name: "Sam", password: "pw-123456", pin: "123456" });
  const other = await ensureCmUser({ email: "statements-other@test.test", name: "Oz", password: "pw-123456" });
  const wallet = user.wallet!.address;
  const imp = {
    userId: user.id,
    organizationId: ORG,
    creditId: CREDIT,
    projectName: "Fjord Forest, Phase 2",
    serialization: "ICR-ISL-7-2024",
    vintage: "2024",
    toAddress: wallet,
  };
  await prisma.cmImport.create({
    data: {
      ...imp,
      id: uuid(1),
      idempotencyKey: "st-i1",
      amount: "10.5",
      state: "processed",
      txId: hash(1),
      icrTransactionId: uuid(101),
      createdAt: at(3),
    },
  });
  await prisma.cmImport.create({
    data: {
      ...imp,
      id: uuid(2),
      idempotencyKey: "st-i2",
      amount: "0.001",
      state: "processed",
      txId: hash(2),
      icrTransactionId: uuid(102),
      createdAt: at(5),
    },
  });
  await prisma.cmImport.create({
    data: {
      ...imp,
      id: uuid(3),
      idempotencyKey: "st-i3",
      amount: "2",
      state: "pending_request",
      icrTransactionId: uuid(103),
      createdAt: at(20),
    },
  });
  await prisma.cmImport.create({
    data: {
      ...imp,
      id: uuid(4),
      idempotencyKey: "st-i4",
      amount: "1.25",
      action: "transfer_retire",
      beneficiaryName: "Łódź Tram Company",
      retirementReason: "Scope 3, 2025",
      retirementComment: "",
      state: "processed",
      icrTransactionId: uuid(104),
      createdAt: at(12),
    },
  });
  await prisma.cmExport.create({
    data: {
      id: uuid(5),
      userId: user.id,
      idempotencyKey: "st-e1",
      organizationId: ORG,
      creditId: CREDIT,
      amount: "3.25",
      toAddress: "0x00000000000000000000000000000000000000b2",
      txHash: hash(3),
      status: "confirmed",
      createdAt: at(8),
    },
  });
  await prisma.cmRetirement.create({
    data: {
      id: uuid(6),
      userId: user.id,
      idempotencyKey: "st-r1",
      creditId: CREDIT,
      amount: "1.5",
      beneficiary: '=HYPERLINK("http://x","y")',
      reason: "+cmd|' /C calc'!A0",
      comment: '-2+3, "quoted"\nsecond line',
      txHash: hash(4),
      status: "confirmed",
      icrRetirementId: uuid(201),
      createdAt: at(10),
    },
  });
  await prisma.cmRetirement.create({
    data: {
      id: uuid(7),
      userId: user.id,
      idempotencyKey: "st-r2",
      creditId: OTHER_CREDIT,
      amount: "0.5",
      beneficiary: "@Harbor",
      reason: "",
      comment: "",
      status: "failed",
      createdAt: at(11),
    },
  });
  await prisma.cmExport.create({
    data: {
      userId: other.id,
      idempotencyKey: "st-other",
      organizationId: ORG,
      creditId: CREDIT,
      amount: "9",
      toAddress: "0x02",
      status: "confirmed",
      createdAt: at(9),
    },
  });
  const transfer = (n: number, direction: "in" | "out", amount: bigint, day: number, block: number) => ({
    txHash: hash(n),
    logIndex: 0,
    batchIndex: 0,
    address: wallet,
    userId: user.id,
    tokenAddress: TOKEN,
    tokenId: "7",
    direction,
    amount: amount.toString(),
    counterparty: "0x0000000000000000000000000000000000000000",
    blockNumber: block,
    blockTime: at(day, 9),
  });
  await prisma.cmTransfer.createMany({
    data: [
      transfer(1, "in", (105n * E18) / 10n, 3, 101),
      transfer(2, "in", E18 / 1000n, 5, 102),
      transfer(3, "out", (325n * E18) / 100n, 8, 103),
      transfer(4, "out", (15n * E18) / 10n, 10, 104),
    ],
  });

  it("activity, as CSV and JSON, matches its golden files", async () => {
    golden("activity.csv", await text(user.id, { kind: "activity", format: "csv" }));
    golden("activity.json", await text(user.id, { kind: "activity", format: "json" }));
  });

  it("holdings at a date and retirements for a period match their golden files", async () => {
    golden("holdings-2026-01-06.csv", await text(user.id, { kind: "holdings", format: "csv", at: "2026-01-06" }));
    golden("holdings-2026-01-31.json", await text(user.id, { kind: "holdings", format: "json", at: "2026-01-31" }));
    golden(
      "retirements-2026-01.csv",
      await text(user.id, { kind: "retirements", format: "csv", from: "2026-01-01", to: "2026-01-31" }),
    );
    golden(
      "retirements-2026-01.json",
      await text(user.id, { kind: "retirements", format: "json", from: "2026-01-01", to: "2026-01-31" }),
    );
  });

  it("a beneficiary named =HYPERLINK(…) and other formula starts come out inert in CSV, and as typed in JSON", async () => {
    const rows = readCsv(await text(user.id, { kind: "activity", format: "csv" }));
    const header = rows[0];
    const retirement = rows.find((r) => r[header.indexOf("type")] === "retirement")!;
    expect(retirement[header.indexOf("beneficiary")]).toBe(`'=HYPERLINK("http://x","y")`);
    const json = JSON.parse(await text(user.id, { kind: "retirements", format: "json" })) as Record<string, string>[];
    expect(json.find((r) => r.type === "retirement")).toMatchObject({
      beneficiary: '=HYPERLINK("http://x","y")',
      reason: "+cmd|' /C calc'!A0",
    });
    const csv = readCsv(await text(user.id, { kind: "retirements", format: "csv" }));
    for (const row of csv.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("0.001 round-trips exactly, in the activity and in holdings read from base units", async () => {
    const json = JSON.parse(await text(user.id, { kind: "activity", format: "json" })) as Record<string, string>[];
    expect(json.find((r) => r.id === uuid(2))!.amount_tco2e).toBe("0.001");
    const holdings = JSON.parse(await text(user.id, { kind: "holdings", format: "json", at: "2026-01-05" }));
    expect(holdings).toEqual([expect.objectContaining({ amount_tco2e: "10.501" })]);
    const csv = readCsv(await text(user.id, { kind: "activity", format: "csv", from: "2026-01-05", to: "2026-01-05" }));
    expect(csv.slice(1).map((r) => r[csv[0].indexOf("amount_tco2e")])).toEqual(["0.001"]);
  });

  it("row counts equal the database across keyset pages, with rows that share a time, and only the user's own", async () => {
    const many = await ensureCmUser({ email: "statements-many@test.test", name: "M", password: "pw-123456" });
    const same = at(15);
    await prisma.cmImport.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        ...imp,
        userId: many.id,
        idempotencyKey: `many-i${i}`,
        amount: "0.001",
        createdAt: i % 3 ? same : at(1 + (i % 27)),
      })),
    });
    await prisma.cmExport.createMany({
      data: Array.from({ length: 1001 }, (_, i) => ({
        userId: many.id,
        idempotencyKey: `many-e${i}`,
        organizationId: ORG,
        creditId: CREDIT,
        amount: "1",
        toAddress: "0x03",
        createdAt: same,
      })),
    });
    const db =
      (await prisma.cmImport.count({ where: { userId: many.id } })) +
      (await prisma.cmExport.count({ where: { userId: many.id } })) +
      (await prisma.cmRetirement.count({ where: { userId: many.id } }));
    const csv = readCsv(await text(many.id, { kind: "activity", format: "csv" }));
    const json = JSON.parse(await text(many.id, { kind: "activity", format: "json" })) as {
      id: string;
      date: string;
    }[];
    expect(csv.length - 1).toBe(db);
    expect(json.length).toBe(db);
    expect(new Set(json.map((r) => r.id)).size).toBe(db);
    expect(json.map((r) => r.date)).toEqual([...json.map((r) => r.date)].sort());
    expect(JSON.parse(await text(other.id, { kind: "activity", format: "json" }))).toHaveLength(1);
  });

  it("the retirement report totals by project, vintage and beneficiary with proof links, charts tonnes per day, and renders as a PDF", async () => {
    const report = await retirementReport({ userId: user.id, from: "2026-01-01", to: "2026-01-31" });
    expect(report).toMatchObject({ total: "2.75", count: 2 });
    expect(report.groups.map((g) => [g.beneficiary, g.tonnes, g.retirements.map((r) => r.proofUrl)])).toEqual([
      ['=HYPERLINK("http://x","y")', "1.5", [`http://127.0.0.1:3999/icr/retirements/${uuid(201)}/proof`]],
      ["Łódź Tram Company", "1.25", [null]],
    ]);
    expect(report.series).toHaveLength(31);
    expect(report.series[9]).toEqual({ label: "2026-01-10", tonnes: "1.5" });
    expect(report.series[11]).toEqual({ label: "2026-01-12", tonnes: "1.25" });
    const year = await retirementReport({ userId: user.id, from: "2026-01-01", to: "2026-12-31" });
    expect(year.series.map((s) => s.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    );
    expect(year.series[0].tonnes).toBe("2.75");

    const pdf = await renderRetirementReportPdf(report, { name: "Sam", email: "statements@test.test" });
    const parsed = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
    const flat = parsed.text.replace(/\s+/g, " ");
    expect(flat).toContain("2.75 tCO₂e retired in 2 retirements");
    expect(flat).toContain(`retirements/${uuid(201)}/proof`);
    expect(flat).toContain("Beneficiary: Łódź Tram Company");
    expect(flat).toContain("proof pending");
  });

  it("refuses a malformed request with a message", () => {
    expect(ZStatementRequest.safeParse({ kind: "activity", format: "xlsx" }).error?.issues[0].message).toBe(
      "The format is csv or json",
    );
    expect(
      ZStatementRequest.safeParse({ kind: "activity", format: "csv", from: "2026-02-01", to: "2026-01-01" }).success,
    ).toBe(false);
    expect(ZStatementRequest.safeParse({ kind: "holdings", format: "csv" }).success).toBe(false);
    expect(ZStatementRequest.safeParse({ kind: "wallet", format: "csv" }).success).toBe(false);
  });
});
