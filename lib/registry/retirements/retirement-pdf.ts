import PDFDocument from "pdfkit";
import { prisma } from "@/lib/db";
import { formatAmount } from "@/lib/amount";
import { conflict } from "@/lib/registry/api/errors";
import { findRetirement } from "@/lib/registry/retirements/list-retirements";

/** The certificate of a claimed retirement as PDF bytes. Unclaimed retirements have none. */
export async function retirementPdf(id: string): Promise<Buffer> {
  const r = await findRetirement(id);
  if (!r.isClaimed || !r.beneficiary)
    throw conflict(
      "This retirement has not been claimed yet, so it has no certificate. Finalize it first (POST /retirements/finalize).",
    );
  const project = await prisma.icrProject.findUniqueOrThrow({ where: { id: r.projectId } });
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `ICR retirement certificate ${r.id}`, Author: "International Carbon Registry (sandbox)" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  doc.fontSize(22).text("Certificate of Retirement", { align: "center" });
  doc
    .moveDown(0.3)
    .fontSize(11)
    .fillColor("#555")
    .text("International Carbon Registry — sandbox", { align: "center" })
    .fillColor("#000");
  doc
    .moveDown(1.5)
    .fontSize(13)
    .text(`${formatAmount(r.amount.toFixed())} tonnes of CO2e were retired on behalf of`, { align: "center" });
  doc.moveDown(0.5).fontSize(18).text(r.beneficiary, { align: "center" });
  doc.moveDown(1.5).fontSize(11);
  const rows: [string, string][] = [
    ["Project", `${project.fullName} (ICR project ${project.num})`],
    ["Serialization", r.serialization],
    ["Vintage", r.vintage],
    ["Amount", `${r.amount.toFixed()} tCO2e`],
    ["Beneficiary", r.beneficiary],
    ["Reason", r.reason ?? "—"],
    ["Comment", r.comment ?? "—"],
    ["Date", r.createdAt.toISOString().slice(0, 10)],
    ["Retirement ID", r.id],
    ["Transaction", r.txId],
    ["Token", `${r.tokenId} of contract ${r.tokenAddress}`],
  ];
  for (const [k, v] of rows) doc.font("Helvetica-Bold").text(`${k}: `, { continued: true }).font("Helvetica").text(v);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
