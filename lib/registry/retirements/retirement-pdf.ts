import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { formatAmount } from "@/lib/amount";
import { formatDateTime } from "@/lib/registry/web/format";

/**
 * Noto Sans (OFL) from the `@expo-google-fonts/noto-sans` package: PDF's built-in Helvetica has no
 * "₂" and no letters beyond Western European ones, so a beneficiary such as "Łódź" would print as
 * garbage. pdfkit embeds only the glyphs a certificate uses (~20 kB). The two files (~630 kB each)
 * are read once per process, at the first certificate, not on every one.
 */
const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans");
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function certificateFonts() {
  fonts ??= {
    regular: readFileSync(path.join(FONT_DIR, "400Regular", "NotoSans_400Regular.ttf")),
    bold: readFileSync(path.join(FONT_DIR, "700Bold", "NotoSans_700Bold.ttf")),
  };
  return fonts;
}

type TCertificate = {
  id: string;
  amount: string;
  beneficiary: string;
  reason: string | null;
  comment: string | null;
  serialization: string;
  vintage: string;
  createdAt: Date;
  txId: string;
  tokenId: string;
  tokenAddress: string;
  projectName: string;
  projectNum: string;
};

/** A certificate's PDF bytes. Only store-certificate.ts calls it: a certificate is rendered once and stored. */
export async function renderCertificatePdf(c: TCertificate): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `ICR retirement certificate ${c.id}`, Author: "International Carbon Registry (sandbox)" },
  });
  const { regular, bold } = certificateFonts();
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  doc.font("regular").fontSize(22).text("Certificate of Retirement", { align: "center" });
  doc
    .moveDown(0.3)
    .fontSize(11)
    .fillColor("#555")
    .text("International Carbon Registry — sandbox", { align: "center" })
    .fillColor("#000");
  doc
    .moveDown(1.5)
    .fontSize(13)
    .text(`${formatAmount(c.amount)} tonnes of CO₂e were retired on behalf of`, { align: "center" });
  doc.moveDown(0.5).fontSize(18).text(c.beneficiary, { align: "center" });
  doc.moveDown(1.5).fontSize(11);
  const rows: [string, string][] = [
    ["Project", `${c.projectName} (ICR project ${c.projectNum})`],
    ["Serialization", c.serialization],
    ["Vintage", c.vintage],
    ["Amount", `${c.amount} tCO₂e`],
    ["Beneficiary", c.beneficiary],
    ["Reason", c.reason ?? "—"],
    ["Comment", c.comment ?? "—"],
    ["Date", formatDateTime(c.createdAt)],
    ["Retirement ID", c.id],
    ["Transaction", c.txId],
    ["Token", `${c.tokenId} of contract ${c.tokenAddress}`],
  ];
  for (const [k, v] of rows) doc.font("bold").text(`${k}: `, { continued: true }).font("regular").text(v);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
