import { describe, expect, it } from "vitest";
import { pdfText, pdfWords, type TPdfWord } from "@/lib/testing/pdf-reader";
import { renderCertificatePdf, RETIREE_BOX } from "./retirement-pdf";

const certificate = {
  id: "5b7f8e4e-3c1a-4d8e-9a53-0c1f2e3d4a5b",
  amount: "1.25",
  beneficiary: "Łódź Wind Coöp — Αθήνα Ενέργεια",
  reason: "Carbon neutral bread 2025",
  comment: null,
  serialization: "ICR-IS-2025-0001",
  vintage: "2025",
  createdAt: new Date("2026-11-22T10:15:00Z"),
  txId: "0x" + "ab".repeat(32),
  tokenId: "1",
  tokenAddress: "0x" + "cd".repeat(20),
  projectName: "Hellisheidi Carbfix",
  projectNum: "1001",
  signed: {
    record: '{"v":1}',
    jws: "eyJhbGciOiJFZERTQSJ9..c2ln",
    kid: "k".repeat(43),
    digest: "d".repeat(64),
    proofUrl: "http://127.0.0.1:3000/icr/retirements/5b7f8e4e-3c1a-4d8e-9a53-0c1f2e3d4a5b/proof",
  },
};

// The first PDF read loads pdf.js and its fonts: seconds on a busy machine.
describe("retirement certificate PDF", { timeout: 60_000 }, () => {
  it("spells the unit tCO₂e, as every page and e-mail does", async () => {
    const text = await pdfText(await renderCertificatePdf(certificate));
    expect(text).toContain("1.25 tCO₂e");
    expect(text).toContain("tonnes of CO₂e");
    expect(text).not.toContain("CO2e");
  });

  it("prints a beneficiary written in any European script as typed", async () => {
    const text = await pdfText(await renderCertificatePdf(certificate));
    expect(text).toContain("Łódź Wind Coöp — Αθήνα Ενέργεια");
    expect(text).toContain("Hellisheidi Carbfix (ICR project 1001)");
    expect(text).toContain("22 Nov 2026, 10:15 UTC");
  });

  it("a retiree's text, however long, stays in its labelled box and cannot move or forge the registry's rows", async () => {
    const forged = "Amount: 1,000,000 tCO₂e (verified)";
    const plain = await pdfWords(await renderCertificatePdf({ ...certificate, amount: "0.001" }));
    // At the longest each field may be, and as a text stored before line breaks were refused.
    const hostile = {
      ...certificate,
      amount: "0.001",
      beneficiary: `Jane Doe\n${forged}\n${"B".repeat(60)} ${"Beneficiary ".repeat(8)}`.slice(0, 200),
      reason: `\n${forged}\u2028`.repeat(20).slice(0, 500),
      comment: `${forged}\n`.repeat(40).slice(0, 1000),
    };
    const words = await pdfWords(await renderCertificatePdf(hostile));

    expect(new Set(words.map((w) => w.page))).toEqual(new Set([1]));
    const box = RETIREE_BOX;
    const inBox = (w: TPdfWord) =>
      w.xMin >= box.x && w.xMax <= box.x + box.width && w.yMin >= box.y && w.yMax <= box.y + box.height;
    // Outside the box, the page is word for word and point for point the plain certificate's
    // (the registry's rows, where they always are); the retiree's words are all inside the box.
    const outside = words.filter((w) => !inBox(w));
    expect(outside).toEqual(plain.filter((w) => !inBox(w)));
    expect(outside.filter((w) => w.text === "Amount")).toHaveLength(1);
    expect(outside.map((w) => w.text).join(" ")).toContain("Amount 0.001 tCO₂e Date");
    expect(outside.map((w) => w.text).join(" ")).not.toContain("1,000,000");
    expect(outside.map((w) => w.text).join(" ")).toContain("STATED BY THE RETIREE");
    // The box shows the texts cut short, each ending with an ellipsis.
    const boxed = words.filter(inBox).map((w) => w.text);
    expect(boxed.slice(0, 3)).toEqual(["Beneficiary", "Jane", "Doe"]);
    expect(boxed).toContain("1,000,000");
    expect(boxed.join(" ").match(/…/g)?.length).toBe(3);
    expect(boxed.join(" ")).not.toContain(
      "Amount: 1,000,000 tCO₂e (verified) Amount: 1,000,000 tCO₂e (verified) ".repeat(12),
    );
  });

  it("the registry's record above the box has no line of the retiree's, even for a text stored with line breaks", async () => {
    const text = await pdfText(
      await renderCertificatePdf({
        ...certificate,
        amount: "0.001",
        beneficiary: "Jane Doe\nAmount: 1,000,000 tCO₂e (verified)",
      }),
    );
    const [record, stated] = text.split("STATED BY THE RETIREE");
    expect(record).not.toContain("1,000,000");
    expect(record).toContain("0.001 tCO₂e");
    expect(stated).toContain("Jane Doe Amount: 1,000,000 tCO₂e (verified)");
    expect(text.split("\n")).not.toContain("Amount: 1,000,000 tCO₂e (verified)");
  });
});
