import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { formatAmount } from "@/lib/amount";
import { RECORD_FILE, SIGNATURE_FILE } from "@/lib/proof/certificate-file";
import { formatDateTime } from "@/lib/format-date-time";

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
  /** The registry's signature of the certificate's record, and the proof page its QR code opens. */
  signed: TCertificateSignature;
};

export type TCertificateSignature = {
  /** the canonical record (RFC 8785 JSON), attached as RECORD_FILE (the verifier reads both attachments) */
  record: string;
  /** detached compact JWS over `record`, attached as SIGNATURE_FILE */
  jws: string;
  kid: string;
  /** hex SHA-256 of `jws`, printed */
  digest: string;
  proofUrl: string;
};

// Layout (A4, points, from the top left): the registry's record sits at fixed places; what the
// retiree typed goes in a labelled, framed box of fixed size below it, each text clipped to a few
// lines ending with "…". However long or odd a text, it can neither move the registry's rows nor
// print anything outside its box.
const MARGIN = 56;
const CONTENT_WIDTH = 595.28 - 2 * MARGIN;
const ROWS_TOP = 188;
const LABEL_WIDTH = 90;
const ROW = { size: 10, lines: 2, height: 30 }; // a long project name wraps once, then ends with "…"
const ROW_LABELS = ["Project", "Serialization", "Vintage", "Amount", "Date", "Retirement ID", "Transaction", "Token"];
const RETIREE_CAPTION_TOP = ROWS_TOP + ROW_LABELS.length * ROW.height + 16;
const PAD = 12;
const RETIREE_TEXTS = [
  { key: "beneficiary", label: "Beneficiary", font: "bold", size: 14, lines: 2 },
  { key: "reason", label: "Reason", font: "regular", size: 11, lines: 3 },
  { key: "comment", label: "Comment", font: "regular", size: 11, lines: 5 },
] as const;

/** Where the retiree's texts are drawn (all of them, always inside). */
export const RETIREE_BOX = { x: MARGIN, y: RETIREE_CAPTION_TOP + 32, width: CONTENT_WIDTH, height: 240 } as const;
/** The signature block below the box: the proof link, the signature's digest and key, and the QR code on the right. */
const SIGNATURE_TOP = RETIREE_BOX.y + RETIREE_BOX.height + 8;
export const QR_BOX = { x: MARGIN + CONTENT_WIDTH - 72, y: SIGNATURE_TOP, size: 72 } as const;

/** A retiree's text as drawn: stored texts from before line breaks and invisible controls were refused get spaces instead. */
export function drawableText(text: string | null): string {
  return (text ?? "").replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ").trim();
}

/** Draws `text` in `lines` lines at (x, y), `width` wide: clipped there, the last line ending with "…". Returns the height used. */
function boundedText(
  doc: PDFKit.PDFDocument,
  text: string,
  at: { x: number; y: number; width: number; lines: number; size: number; font: "regular" | "bold" },
): number {
  doc.font(at.font).fontSize(at.size);
  const height = at.lines * doc.currentLineHeight(true);
  doc.text(text || "—", at.x, at.y, { width: at.width, height: height + 0.5, ellipsis: "…" });
  return height;
}

/** A certificate's PDF bytes. Only store-certificate.ts calls it: a certificate is rendered once and stored. */
export async function renderCertificatePdf(c: TCertificate): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: `ICR retirement certificate ${c.id}`, Author: "International Carbon Registry (sandbox)" },
  });
  const { regular, bold } = certificateFonts();
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const full = { width: CONTENT_WIDTH, align: "center" } as const;

  doc.font("regular").fontSize(22).text("Certificate of Retirement", MARGIN, 56, full);
  doc.fontSize(11).fillColor("#555").text("International Carbon Registry — sandbox", MARGIN, 92, full);
  doc
    .fillColor("#000")
    .fontSize(13)
    .text(`${formatAmount(c.amount)} tonnes of CO₂e were retired.`, MARGIN, 126, full);

  // The registry's record: what the registry itself vouches for.
  doc
    .font("bold")
    .fontSize(9)
    .fillColor("#555")
    .text("REGISTRY RECORD", MARGIN, ROWS_TOP - 20);
  doc.fillColor("#000");
  const values = [
    `${c.projectName} (ICR project ${c.projectNum})`,
    c.serialization,
    c.vintage,
    `${c.amount} tCO₂e`,
    formatDateTime(c.createdAt),
    c.id,
    c.txId,
    `${c.tokenId} of contract ${c.tokenAddress}`,
  ];
  ROW_LABELS.forEach((label, i) => {
    const y = ROWS_TOP + i * ROW.height;
    doc.font("bold").fontSize(ROW.size).text(label, MARGIN, y, { width: LABEL_WIDTH, lineBreak: false });
    boundedText(doc, values[i]!, {
      x: MARGIN + LABEL_WIDTH,
      y,
      width: CONTENT_WIDTH - LABEL_WIDTH,
      lines: ROW.lines,
      size: ROW.size,
      font: "regular",
    });
  });

  // What the retiree typed, in its own frame: never a line of the record above.
  doc.font("bold").fontSize(9).fillColor("#555").text("STATED BY THE RETIREE", MARGIN, RETIREE_CAPTION_TOP);
  doc
    .font("regular")
    .fontSize(9)
    .text("Written by whoever retired the credits; not checked by the registry.", MARGIN, RETIREE_CAPTION_TOP + 13);
  const box = RETIREE_BOX;
  doc.save().rect(box.x, box.y, box.width, box.height).fillAndStroke("#f4f6f8", "#8a96a3").restore();
  let y = box.y + PAD;
  for (const t of RETIREE_TEXTS) {
    doc
      .font("regular")
      .fontSize(9)
      .fillColor("#555")
      .text(t.label, box.x + PAD, y, { lineBreak: false });
    doc.fillColor("#000");
    y += 13;
    y += boundedText(doc, drawableText(c[t.key]), { x: box.x + PAD, y, width: box.width - 2 * PAD, ...t }) + 8;
  }
  if (y - 8 + PAD > box.y + box.height) throw new Error("certificate layout: the retiree's texts overflow their box");

  await drawSignature(doc, c.signed);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * The registry's signature: the record and its JWS attached as files (uncompressed, so the record
 * can be read with any PDF tool), the signature's SHA-256 and key printed, and a QR code to the
 * public proof page.
 */
async function drawSignature(doc: PDFKit.PDFDocument, s: TCertificateSignature) {
  const raw = doc as unknown as { compress: boolean };
  const compress = raw.compress;
  raw.compress = false;
  doc.file(Buffer.from(s.record, "utf8"), {
    name: RECORD_FILE,
    type: "application/json",
    description: "The registry's signed record of this retirement (RFC 8785 JSON)",
  });
  doc.file(Buffer.from(s.jws, "utf8"), {
    name: SIGNATURE_FILE,
    type: "application/jose",
    description: `Detached JWS (EdDSA) over ${RECORD_FILE}, key ${s.kid}`,
  });
  raw.compress = compress;

  const qr = await QRCode.toBuffer(s.proofUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, scale: 4 });
  doc.image(qr, QR_BOX.x, QR_BOX.y, { width: QR_BOX.size, height: QR_BOX.size });
  doc.link(QR_BOX.x, QR_BOX.y, QR_BOX.size, QR_BOX.size, s.proofUrl);

  const width = QR_BOX.x - MARGIN - 12;
  doc.font("bold").fontSize(9).fillColor("#555").text("SIGNED BY THE REGISTRY", MARGIN, SIGNATURE_TOP);
  doc.fillColor("#000");
  boundedText(doc, `Check this retirement: ${s.proofUrl}`, {
    x: MARGIN,
    y: SIGNATURE_TOP + 13,
    width,
    lines: 2,
    size: 8,
    font: "regular",
  });
  doc
    .font("regular")
    .fontSize(7)
    .text(`Signature SHA-256 ${s.digest}`, MARGIN, SIGNATURE_TOP + 37, { width, lineBreak: false })
    .text(`Key ${s.kid} · record and signature attached to this PDF`, MARGIN, SIGNATURE_TOP + 47, {
      width,
      lineBreak: false,
    });
}
