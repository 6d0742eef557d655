import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCertificatePdf } from "./retirement-pdf";

/** The certificate's text as a reader (pdftotext, poppler-utils) extracts it. */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "certificate-")), "certificate.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
}

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
};

describe("retirement certificate PDF", () => {
  it("spells the unit tCO₂e, as every page and e-mail does", async () => {
    const text = pdfText(await renderCertificatePdf(certificate));
    expect(text).toContain("1.25 tCO₂e");
    expect(text).toContain("tonnes of CO₂e");
    expect(text).not.toContain("CO2e");
  });

  it("prints a beneficiary written in any European script as typed", async () => {
    const text = pdfText(await renderCertificatePdf(certificate));
    expect(text).toContain("Łódź Wind Coöp — Αθήνα Ενέργεια");
    expect(text).toContain("Hellisheidi Carbfix (ICR project 1001)");
    expect(text).toContain("22 Nov 2026, 10:15 UTC");
  });
});
