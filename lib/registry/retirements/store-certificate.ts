// Renders and stores the certificate of a final retirement (details finalized, transaction final:
// retirement-final.ts), once. The one place a certificate's bytes
// are made: every download serves what this stored (serve-certificate.ts).
import { prisma } from "@/lib/db";
import type { IcrRetirementCertificate } from "@/lib/generated/prisma/client";
import { conflict, IcrHttpError, notFound } from "@/lib/registry/api/errors";
import { logger } from "@/lib/log/logger";
import { readRetirementOnChain, type TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { areDetailsFinal, DETAILS_FINAL, notFinalOnChain } from "@/lib/registry/retirements/retirement-final";
import { renderCertificatePdf } from "@/lib/registry/retirements/retirement-pdf";
import { sha256Hex } from "@/lib/crypto/sha256";
import { config } from "@/lib/config";
import { signatureDigest } from "@/lib/proof/signed-record";
import { retirementRecord } from "@/lib/registry/signing/retirement-record";
import { signRecord, type TSignedRecord } from "@/lib/registry/signing/sign-record";
import { hiddenBeneficiaryLabel, isBeneficiaryHidden } from "@/lib/beneficiary-privacy";

export type TStoredCertificate = {
  retirementId: string;
  pdf: Buffer;
  sha256: string;
  renderedAt: Date;
  /** the record and signature the PDF carries; null on a certificate stored before they were signed */
  signed: TSignedRecord | null;
  /** rendered without the hidden beneficiary: from this date the certificate is rendered once more, with the name */
  staleFrom?: Date;
};

/** The public proof page of a retirement (the certificate's QR code). */
export const proofUrl = (retirementId: string) =>
  `${config().ICR_WEB_URL}/retirements/${encodeURIComponent(retirementId)}/proof`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFinalYet = () =>
  conflict(
    "This retirement is not final yet: it has not been claimed, so it has no certificate. Finalize it first (POST /retirements/finalize).",
  );

/**
 * 409: the details are finalized but the transaction is not final on chain yet (or a reorg took it
 * away). The certificate job tries again later (certificate-queue.ts).
 */
export class TransactionNotFinalYet extends IcrHttpError {
  constructor(why: string) {
    super(409, `This retirement is not final yet: ${why}.`);
  }
}

const chainUnreadable = () =>
  new IcrHttpError(
    503,
    "The chain cannot be read right now, so the registry cannot tell whether this retirement is final. Try again in a minute.",
  );

async function chainOf(r: { txId: string; tokenAddress: string; logIndex: number }): Promise<TRetirementOnChain> {
  try {
    return await readRetirementOnChain({ txHash: r.txId, tokenAddress: r.tokenAddress, logIndex: r.logIndex });
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message }, txId: r.txId }, "certificate: the chain cannot be read");
    throw chainUnreadable();
  }
}

export function toStoredCertificate(row: IcrRetirementCertificate, hiddenUntil?: Date | null): TStoredCertificate {
  return {
    retirementId: row.retirementId,
    pdf: Buffer.from(row.pdf),
    sha256: row.sha256,
    renderedAt: row.renderedAt,
    signed: row.record && row.jws && row.kid ? { record: row.record, jws: row.jws, kid: row.kid } : null,
    ...(hiddenUntil && row.renderedAt < hiddenUntil ? { staleFrom: hiddenUntil } : {}),
  };
}

/**
 * Rendered again once: stored before certificates were signed, or rendered while the beneficiary
 * was hidden and the date has come.
 */
export const isStale = (c: TStoredCertificate, now = new Date()) => !c.signed || (!!c.staleFrom && c.staleFrom <= now);

// Callers in this process asking for the same certificate share one render (and one connection).
const globalForStore = globalThis as unknown as { certificateRenders?: Map<string, Promise<TStoredCertificate>> };
const rendering = (globalForStore.certificateRenders ??= new Map());

/**
 * The stored certificate of a final retirement; rendered, signed and stored now if it has none or
 * only a stale one (`isStale`: re-rendered once). Rendered
 * once however many callers ask at the same time: in this process they share one render, and across
 * processes a per-retirement lock makes the others find the stored row. Not final (details not
 * finalized, or the transaction not final on chain: `TransactionNotFinalYet`): 409; unknown: 404.
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
      const stored = await db.icrRetirementCertificate.findUnique({
        where: { retirementId },
        include: { retirement: { select: { beneficiaryHiddenUntil: true } } },
      });
      const now = new Date();
      if (stored) {
        const current = toStoredCertificate(stored, stored.retirement.beneficiaryHiddenUntil);
        if (!isStale(current, now)) return current;
      }
      const r = await db.icrRetirement.findUnique({ where: { id: retirementId } });
      if (!r) throw notFound(`Retirement ${retirementId} not found`);
      if (!areDetailsFinal(r)) throw notFinalYet();
      // Signed only once the final chain holds the burn: never for one a reorg may still drop.
      const notFinal = notFinalOnChain(r, await chainOf(r));
      if (notFinal) throw new TransactionNotFinalYet(notFinal);
      const project = await db.icrProject.findUniqueOrThrow({ where: { id: r.projectId } });
      const signed = await signRecord(db, await retirementRecord(r, project));
      // The public certificate omits a hidden beneficiary (docs/proof.md, "Beneficiary privacy").
      const hidden = isBeneficiaryHidden(r.beneficiaryHiddenUntil, now);
      const pdf = await renderCertificatePdf({
        ...r,
        amount: r.amount.toFixed(),
        beneficiary: hidden ? hiddenBeneficiaryLabel(r.beneficiaryHiddenUntil!) : r.beneficiary!,
        projectName: project.fullName,
        projectNum: project.num,
        signed: { ...signed, digest: signatureDigest(signed.jws), proofUrl: proofUrl(retirementId) },
      });
      const data = { pdf: new Uint8Array(pdf), sha256: sha256Hex(pdf), renderedAt: now, ...signed };
      const row = await db.icrRetirementCertificate.upsert({
        where: { retirementId },
        create: { retirementId, ...data },
        update: data,
      });
      return toStoredCertificate(row, r.beneficiaryHiddenUntil);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

/**
 * Stores the certificates final retirements still lack (made before certificates were stored, or
 * whose job failed or gave up waiting for the chain; one whose transaction is not final yet is left
 * for the next run) and re-renders the stale ones (stored before certificates were signed, or rendered
 * while the beneficiary was hidden and the date has passed); the retirements queue runs it every
 * minute, a few at a time.
 */
export async function storeMissingCertificates(opts: { max?: number } = {}): Promise<number> {
  const take = opts.max ?? 20;
  const missing = await prisma.icrRetirement.findMany({
    where: { ...DETAILS_FINAL, OR: [{ certificate: null }, { certificate: { jws: null } }] },
    orderBy: { createdAt: "asc" },
    take,
    select: { id: true },
  });
  // Rendered while the beneficiary was hidden, and the date has passed: rendered once more, with the name.
  missing.push(
    ...(await prisma.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM icr_retirement r JOIN icr_retirement_certificate c ON c."retirementId" = r.id
      WHERE r."beneficiaryHiddenUntil" <= now() AND c."renderedAt" < r."beneficiaryHiddenUntil"
      LIMIT ${take}`),
  );
  let stored = 0;
  for (const { id } of missing) {
    try {
      await storeCertificate(id);
      stored++;
    } catch (err) {
      if (err instanceof TransactionNotFinalYet) continue;
      logger.error({ err, retirementId: id }, "storing a retirement certificate failed");
    }
  }
  return stored;
}
