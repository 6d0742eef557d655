// The registry's verify endpoint (POST /icr/certificates/verify): anyone uploads a certificate file
// and learns which key signed it and its record, or why it fails. Input checks give a clear 4xx.
import { createReadCache } from "@/lib/cache/read-cache";
import { BodyTooLargeError, readLimitedBytes } from "@/lib/http/read-limited-body";
import { looksLikePdf, verifyCertificateFile, type TCertificateVerdict } from "@/lib/proof/certificate-file";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { publishedJwks } from "@/lib/registry/signing/signing-key";
import { createLimiter, type TLimitCheck } from "@/lib/security/rate-limit";

/** A certificate is ~50 kB; anything past this is not one. */
export const MAX_CERTIFICATE_BYTES = 2 * 1024 * 1024;

// Verifications per client IP (each parses a PDF): counters in icr_rate_limit, shared by every instance.
let limiter: ReturnType<typeof createLimiter> | undefined;
export function certificateVerifyChecks(ip: string): TLimitCheck[] {
  limiter ??= createLimiter("icr_rate_limit", { name: "icr-certificate-verify-ip", points: 30, durationSec: 60 });
  return [{ limiter, key: ip }];
}

// The published keys change only when a key is first used: read at most every 10 s.
const keys = createReadCache<Awaited<ReturnType<typeof publishedJwks>>>({ ttlMs: 10_000 });
export const registryJwks = () => keys.read("jwks", publishedJwks);

/** The uploaded file's bytes: a raw body (application/pdf or application/octet-stream) or a multipart form's `file`. */
async function uploadedFile(req: Request): Promise<Buffer> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readLimitedBytes(req, MAX_CERTIFICATE_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      throw new IcrHttpError(413, `A certificate file is at most ${MAX_CERTIFICATE_BYTES / 1024 / 1024} MB`);
    throw err;
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), {
        headers: { "content-type": req.headers.get("content-type")! },
      }).formData();
    } catch {
      throw new IcrHttpError(400, "The multipart form cannot be read");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new IcrHttpError(400, 'Send the certificate as the form\'s "file" field');
    bytes = Buffer.from(await file.arrayBuffer());
  } else if (type !== "application/pdf" && type !== "application/octet-stream") {
    throw new IcrHttpError(
      415,
      'Send the certificate as application/pdf (the raw file) or multipart/form-data (field "file")',
    );
  }
  if (!bytes.length) throw new IcrHttpError(400, "No file was sent");
  if (!looksLikePdf(bytes)) throw new IcrHttpError(400, "The file is not a PDF: a certificate starts with %PDF-");
  return bytes;
}

/**
 * Verifies an uploaded certificate against the registry's published keys. A key not among the
 * cached ones (one first used in the last seconds) has the keys read again before failing.
 */
export async function verifyUploadedCertificate(req: Request): Promise<TCertificateVerdict> {
  const pdf = await uploadedFile(req);
  const jwks = await registryJwks();
  const verdict = await verifyCertificateFile(pdf, jwks);
  if (verdict.valid || !verdict.kid || jwks.keys.some((k) => k.kid === verdict.kid)) return verdict;
  keys.forget("jwks");
  return verifyCertificateFile(pdf, await registryJwks());
}
