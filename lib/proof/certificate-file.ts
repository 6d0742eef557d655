// Verifies a certificate file (the registry's PDF): its attached record and signature (see
// lib/registry/retirements/retirement-pdf.ts), checked against a JWKS, and its printed page checked
// against the signed record. Shared by the registry's verify endpoint and the offline CLI
// (scripts/verify-certificate.ts). Never throws on a bad file: the verdict says why.
import { inflateSync } from "node:zlib";
import type { JSONWebKeySet } from "jose";
import { verifySignedRecord, type TRecordVerdict } from "@/lib/proof/signed-record";

/** The attachments' names, as the registry writes them. */
export const RECORD_FILE = "icr-retirement-record.json";
export const SIGNATURE_FILE = "icr-retirement-record.jws";

export class CertificateFileError extends Error {}

/** Whether the bytes start like a PDF file. */
export const looksLikePdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

/**
 * The files attached to a PDF, by name. Reads the PDF's objects directly (no renderer): every
 * Filespec's name and the EmbeddedFile stream it points to, inflated if compressed.
 */
export function pdfAttachments(pdf: Buffer): Map<string, Buffer> {
  if (!looksLikePdf(pdf)) throw new CertificateFileError("the file is not a PDF");
  const text = pdf.toString("latin1");
  const objects = new Map<string, { start: number; end: number }>();
  const heads = [...text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)];
  heads.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < heads.length ? heads[i + 1]!.index : text.length;
    objects.set(m[1]!, { start, end });
  });
  const files = new Map<string, Buffer>();
  for (const { start, end } of objects.values()) {
    const body = text.slice(start, end);
    if (!/\/Type\s*\/Filespec\b/.test(body)) continue;
    const name = /\/UF\s*\(([^)]*)\)/.exec(body)?.[1] ?? /\/F\s*\(([^)]*)\)/.exec(body)?.[1];
    const ref = /\/EF\s*<<\s*\/F\s+(\d+)\s+0\s+R/.exec(body)?.[1];
    const target = ref ? objects.get(ref) : undefined;
    if (!name || !target) continue;
    const stream = embeddedStream(pdf, text, target);
    if (stream) files.set(name, stream);
  }
  return files;
}

function embeddedStream(pdf: Buffer, text: string, at: { start: number; end: number }): Buffer | undefined {
  const body = text.slice(at.start, at.end);
  const head = /stream\r?\n/.exec(body);
  if (!head) return undefined;
  const dict = body.slice(0, head.index);
  const length = Number(/\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)?.[1] ?? NaN);
  if (!Number.isInteger(length)) return undefined;
  const from = at.start + head.index + head[0].length;
  const raw = pdf.subarray(from, Math.min(from + length, at.end));
  if (!/\/Filter\s*\/FlateDecode/.test(dict)) return raw;
  try {
    return inflateSync(raw);
  } catch {
    throw new CertificateFileError("the certificate's attached record is damaged (it does not decompress)");
  }
}

export type TCertificateVerdict = TRecordVerdict;

/** The page's text, as a PDF reader extracts it (pdf.js through pdf-parse). */
async function pageText(pdf: Buffer): Promise<string> {
  const { PDFParse } = await import("pdf-parse");
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/**
 * Verifies a certificate file against a JWKS: the attached record is signed by a published key,
 * and the page prints that record's retirement id, amount and transaction and the signature's
 * digest (a page altered to show other facts than it carries fails).
 */
export async function verifyCertificateFile(pdf: Buffer, jwks: JSONWebKeySet): Promise<TCertificateVerdict> {
  let files: Map<string, Buffer>;
  try {
    files = pdfAttachments(pdf);
  } catch (err) {
    if (err instanceof CertificateFileError) return { valid: false, reason: err.message };
    throw err;
  }
  const record = files.get(RECORD_FILE);
  const jws = files.get(SIGNATURE_FILE);
  if (!record || !jws)
    return {
      valid: false,
      reason: `the PDF carries no signed record (attachments ${RECORD_FILE} and ${SIGNATURE_FILE}): it is not a signed ICR certificate`,
    };
  const verdict = await verifySignedRecord({ record: record.toString("utf8"), jws: jws.toString("utf8"), jwks });
  if (!verdict.valid) return verdict;

  let text: string;
  try {
    text = (await pageText(pdf)).replace(/\s+/g, "");
  } catch {
    return { valid: false, kid: verdict.kid, reason: "the certificate's page cannot be read" };
  }
  const r = verdict.record;
  const printed: [string, string][] = [
    ["retirement id", r.id],
    ["amount", `${r.amount}tCO₂e`],
    ["transaction", r.txHash],
    ["signature digest", `SHA-256${verdict.digest}`],
  ];
  const missing = printed.filter(([, v]) => !text.includes(v.replace(/\s+/g, ""))).map(([k]) => k);
  if (missing.length)
    return {
      valid: false,
      kid: verdict.kid,
      reason: `the page does not print what its signed record says (${missing.join(", ")}): the page was altered`,
    };
  return verdict;
}
