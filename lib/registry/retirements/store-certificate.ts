// Renders and stores the certificate of a final retirement, once. The one place a certificate's bytes
// are made: every download serves what this stored (serve-certificate.ts).
import { prisma } from "@/lib/db";
import type { IcrRetirementCertificate } from "@/lib/generated/prisma/client";
import { conflict, notFound } from "@/lib/registry/api/errors";
import { logger } from "@/lib/log/logger";
import { FINAL_RETIREMENT, isRetirementFinal } from "@/lib/registry/retirements/retirement-final";
import { renderCertificatePdf } from "@/lib/registry/retirements/retirement-pdf";
import { sha256Hex } from "@/lib/crypto/sha256";

export type TStoredCertificate = { retirementId: string; pdf: Buffer; sha256: string; renderedAt: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFinalYet = () =>
  conflict(
    "This retirement is not final yet: it has not been claimed, so it has no certificate. Finalize it first (POST /retirements/finalize).",
  );

export function toStoredCertificate(row: IcrRetirementCertificate): TStoredCertificate {
  return {
    retirementId: row.retirementId,
    pdf: Buffer.from(row.pdf),
    sha256: row.sha256,
    renderedAt: row.renderedAt,
  };
}

// Callers in this process asking for the same certificate share one render (and one connection).
const globalForStore = globalThis as unknown as { certificateRenders?: Map<string, Promise<TStoredCertificate>> };
const rendering = (globalForStore.certificateRenders ??= new Map());

/**
 * The stored certificate of a final retirement; rendered and stored now if it has none. Rendered
 * once however many callers ask at the same time: in this process they share one render, and across
 * processes a per-retirement lock makes the others find the stored row. Not final: 409; unknown: 404.
 */
export function storeCertificate(retirementId: string): Promise<TStoredCertificate> {
  if (!UUID.test(retirementId)) return Promise.reject(notFound(`Retirement ${retirementId} not found`));
  const key = retirementId.toLowerCase();
  let running = rendering.get(key);
  if (!running) {
    running = renderOnce(key).finally(() => rendering.delete(key));
    rendering.set(key, running);
  }
  return running;
}

/** Exported for the test of several instances at once; callers use storeCertificate. */
export async function renderOnce(retirementId: string): Promise<TStoredCertificate> {
  return prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`icr-certificate:${retirementId}`}, 0))`;
      const stored = await db.icrRetirementCertificate.findUnique({ where: { retirementId } });
      if (stored) return toStoredCertificate(stored);
      const r = await db.icrRetirement.findUnique({ where: { id: retirementId } });
      if (!r) throw notFound(`Retirement ${retirementId} not found`);
      if (!isRetirementFinal(r)) throw notFinalYet();
      const project = await db.icrProject.findUniqueOrThrow({ where: { id: r.projectId } });
      const pdf = await renderCertificatePdf({
        ...r,
        amount: r.amount.toFixed(),
        beneficiary: r.beneficiary!,
        projectName: project.fullName,
        projectNum: project.num,
      });
      const row = await db.icrRetirementCertificate.create({
        data: { retirementId, pdf: new Uint8Array(pdf), sha256: sha256Hex(pdf) },
      });
      return toStoredCertificate(row);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/**
 * Stores the certificates final retirements still lack (made before certificates were stored, or
 * whose job failed); the retirements queue runs it every minute, a few at a time.
 */
export async function storeMissingCertificates(opts: { max?: number } = {}): Promise<number> {
  const missing = await prisma.icrRetirement.findMany({
    where: { ...FINAL_RETIREMENT, certificate: null },
    orderBy: { createdAt: "asc" },
    take: opts.max ?? 20,
    select: { id: true },
  });
  let stored = 0;
  for (const { id } of missing) {
    try {
      await storeCertificate(id);
      stored++;
    } catch (err) {
      logger.error({ err, retirementId: id }, "storing a retirement certificate failed");
    }
  }
  return stored;
}
