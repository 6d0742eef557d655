// Serves a retirement's stored certificate: the public download and the API's
// GET /retirements/{id}/pdf answer with the same stored bytes (store-certificate.ts makes them).
import { createReadCache } from "@/lib/cache/read-cache";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import {
  isStale,
  storeCertificate,
  toStoredCertificate,
  type TStoredCertificate,
} from "@/lib/registry/retirements/store-certificate";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Stored certificates do not change: a certificate asked for again within a minute is served from
// memory, without reading its bytes from PostgreSQL again (a burst of downloads reads them once).
const recent = createReadCache<TStoredCertificate | null>({ ttlMs: 60_000, maxKeys: 200, keep: (c) => !!c?.signed });

/**
 * The certificate as an HTTP answer: the stored bytes, their SHA-256 as the ETag (a client that has
 * them gets 304). The public download is shown inline and may be kept by shared caches; the API's
 * answer (asked with a token) is an attachment that only the client keeps.
 */
export function certificateResponse(
  file: TStoredCertificate,
  opts: { audience: "public" | "api"; ifNoneMatch?: string | null },
): Response {
  const etag = `"${file.sha256}"`;
  const disposition = opts.audience === "public" ? "inline" : "attachment";
  const headers = {
    etag,
    "cache-control": `${opts.audience === "public" ? "public" : "private"}, max-age=3600`,
    "content-type": "application/pdf",
    "content-disposition": `${disposition}; filename="icr-retirement-${file.retirementId}.pdf"`,
  };
  const seen = opts.ifNoneMatch?.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (seen?.includes(etag) || seen?.includes("*")) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.pdf), { headers });
}

/**
 * The stored certificate of a retirement. A final retirement whose certificate is not stored yet
 * (its job has not run, or it became final before certificates were stored) has it rendered and
 * stored now, once however many ask; so is one stored before certificates were signed (re-rendered
 * once, with its signature). A retirement that is not final yet (not claimed, or its transaction not
 * final on chain yet): 409; the chain unreadable while that is checked: 503; unknown: 404.
 */
export async function certificateFile(retirementId: string): Promise<TStoredCertificate> {
  if (!UUID.test(retirementId)) throw notFound(`Retirement ${retirementId} not found`);
  const key = retirementId.toLowerCase();
  const stored = await recent.read(key, async () => {
    const row = await prisma.icrRetirementCertificate.findUnique({
      where: { retirementId: key },
      include: { retirement: { select: { beneficiaryHiddenUntil: true } } },
    });
    return row ? toStoredCertificate(row, row.retirement.beneficiaryHiddenUntil) : null;
  });
  if (stored && isStale(stored)) {
    // Stored before certificates were signed, or the beneficiary's date has come: rendered once more.
    recent.forget(key);
    return storeCertificate(key);
  }
  return stored ?? storeCertificate(key);
}
