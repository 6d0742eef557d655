import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { toBaseUnits } from "@/lib/amount";
import { formatAmount } from "@/lib/amount-format";
import type { TRetirementReport } from "@/lib/carbonmark/statements/retirement-report";

// Noto Sans (OFL), as the certificates use: Helvetica has no "₂" and no "Ł".
const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans");
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const reportFonts = () =>
  (fonts ??= {
    regular: readFileSync(path.join(FONT_DIR, "400Regular", "NotoSans_400Regular.ttf")),
    bold: readFileSync(path.join(FONT_DIR, "700Bold", "NotoSans_700Bold.ttf")),
  });

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const CHART = { height: 150, barGap: 2 };
const BOTTOM = 841.89 - MARGIN;

/** Text as drawn: control and invisible format characters become spaces. */
const drawable = (s: string) => s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ").trim() || "—";

/**
 * A retirement report as a PDF a sustainability report can cite: the period and total, a bar chart
 * of tonnes retired over time, totals by project, vintage and beneficiary, and under each total
 * every retirement with the registry's public proof link.
 */
export async function renderRetirementReportPdf(
  r: TRetirementReport,
  owner: { name: string; email: string },
): Promise<Buffer> {
  const period = `${r.from ?? "the first retirement"} to ${r.to ?? "today"}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: `Carbonmark retirement report, ${period}`, Author: "Carbonmark" },
  });
  const { regular, bold } = reportFonts();
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  doc.font("bold").fontSize(20).text("Retirement report", MARGIN, MARGIN, { width: WIDTH });
  doc.font("regular").fontSize(10).fillColor("#555");
  doc.text(`${drawable(owner.name)} <${owner.email}> · Carbonmark · period ${period} (UTC)`, { width: WIDTH });
  doc.text(`Generated ${new Date().toISOString().slice(0, 19).replace("T", " ")} UTC`, { width: WIDTH });
  doc.moveDown(0.6).fillColor("#000").font("bold").fontSize(13);
  doc.text(`${formatAmount(r.total)} tCO₂e retired in ${r.count} retirement${r.count === 1 ? "" : "s"}`, {
    width: WIDTH,
  });

  // Chart: one bar per bucket, scaled to the largest; exact figures are in the tables below.
  doc.moveDown(0.8).font("bold").fontSize(10).text("Tonnes retired over time", { width: WIDTH });
  const top = doc.y + 6;
  const values = r.series.map((s) => toBaseUnits(s.tonnes));
  const max = values.reduce((m, v) => (v > m ? v : m), 0n);
  const slot = r.series.length ? WIDTH / r.series.length : WIDTH;
  doc
    .save()
    .moveTo(MARGIN, top + CHART.height)
    .lineTo(MARGIN + WIDTH, top + CHART.height)
    .lineWidth(0.5)
    .stroke("#8a96a3")
    .restore();
  r.series.forEach((s, i) => {
    const h = max === 0n ? 0 : (Number((values[i] * 10_000n) / max) / 10_000) * (CHART.height - 14);
    const x = MARGIN + i * slot + CHART.barGap / 2;
    if (h > 0)
      doc
        .save()
        .rect(x, top + CHART.height - h, Math.max(slot - CHART.barGap, 1), h)
        .fill("#0f766e")
        .restore();
  });
  doc.font("regular").fontSize(7).fillColor("#555");
  const every = Math.max(1, Math.ceil(r.series.length / 12));
  r.series.forEach((s, i) => {
    if (i % every === 0)
      doc.text(s.label, MARGIN + i * slot, top + CHART.height + 3, { width: slot * every, lineBreak: false });
  });
  doc.text(`max ${formatAmount(r.series.length ? r.series[values.indexOf(max)].tonnes : "0")} tCO₂e`, MARGIN, top - 2, {
    width: WIDTH,
    align: "right",
  });
  doc.fillColor("#000");
  doc.y = top + CHART.height + 22;

  doc.font("bold").fontSize(10).text("Totals by project, vintage and beneficiary", MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
  if (!r.groups.length) doc.font("regular").fontSize(10).text("No retirements in this period.", { width: WIDTH });
  for (const g of r.groups) {
    if (doc.y > BOTTOM - 60) doc.addPage();
    doc
      .font("bold")
      .fontSize(10)
      .text(`${drawable(g.projectName)} · vintage ${drawable(g.vintage)}`, MARGIN, doc.y, { width: WIDTH });
    doc
      .font("regular")
      .fontSize(10)
      .text(`Beneficiary: ${drawable(g.beneficiary)}`, { width: WIDTH });
    doc.font("bold").text(`${formatAmount(g.tonnes)} tCO₂e`, { width: WIDTH });
    doc.font("regular").fontSize(8);
    for (const x of g.retirements) {
      if (doc.y > BOTTOM - 12) doc.addPage();
      const line = `${x.date.slice(0, 10)} · ${x.amount} tCO₂e · `;
      if (x.proofUrl) {
        doc.fillColor("#000").text(line, MARGIN + 10, doc.y, { continued: true, width: WIDTH - 10 });
        doc.fillColor("#0b5cad").text(`proof: ${x.proofUrl}`, { link: x.proofUrl, underline: true });
      } else
        doc.fillColor("#555").text(`${line}proof pending (the registry has not yet recorded it)`, MARGIN + 10, doc.y, {
          width: WIDTH - 10,
        });
    }
    doc.fillColor("#000").moveDown(0.6);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
