// Loads both halves of a retirement's public proof: the registry's own row (re-read at most every
// few seconds) and the chain's view (kept once final: a final block never changes), then gives one
// verdict. When either cannot be read it says which and gives none (docs/proof.md).
import { fromBaseUnits, toBaseUnits } from "@/lib/amount-units";
import { isBeneficiaryHidden } from "@/lib/beneficiary-privacy";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import type { IcrRetirement } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { readRetirementOnChain, type TRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import type { TRetirementVerdict } from "@/lib/proof/retirement-verdict";
import { registryProofVerdict } from "@/lib/registry/retirements/proof-verdict";

/** The oldest read of the registry's row a visit is shown: older, the visit waits for a new read. */
export const RECORD_MAX_AGE_MS = 10_000;
/** A visit to a row read longer ago than this is shown it, and starts a new read for the next visits. */
export const RECORD_REFRESH_MS = 5_000;
const CHAIN_CACHE_MAX = 10_000;

type TRow = IcrRetirement & { projectName: string };
/** `at`: when the read started (a row is never older than that); `refreshing`: a newer read is on its way. */
const rows = new Map<string, { at: number; row: Promise<TRow | null>; refreshing?: boolean }>();
const finalChain = new Map<string, TRetirementOnChain>();

/** The registry's record as the public proof shows it (the beneficiary only once public). */
export type TProofRecord = {
  id: string;
  txId: string;
  logIndex: number;
  contract: string;
  tokenId: string;
  account: string;
  amount: string;
  projectName: string;
  serialization: string;
  vintage: string;
  beneficiary: string | null;
  beneficiaryHiddenUntil: string | null;
  reason: string | null;
  isClaimed: boolean;
  retiredAt: string;
  claimedAt: string | null;
  commitment: string | null;
};

export type TChainHalf = TRetirementOnChain & { finalityNote: string };

export type TRetirementProof =
  | { status: "not_found" }
  | { status: "unreadable"; unreadable: "database" }
  | { status: "unreadable"; unreadable: "chain"; record: TProofRecord }
  | { status: "checked"; record: TProofRecord; chain: TChainHalf; verdict: TRetirementVerdict };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function readRow(id: string): Promise<TRow | null> {
  const row = await prisma.icrRetirement.findUnique({ where: { id } });
  if (!row) return null;
  const project = await prisma.icrProject.findUnique({ where: { id: row.projectId }, select: { fullName: true } });
  return { ...row, projectName: project?.fullName ?? "" };
}

// While visits keep coming, none waits for the database: a row read 5-10 s ago is shown while a new
// read runs for the next visits. A row read 10 s ago or more is never shown (the visit waits).
function cachedRow(id: string): Promise<TRow | null> {
  const now = Date.now();
  const known = rows.get(id);
  if (known && now - known.at < RECORD_MAX_AGE_MS) {
    if (now - known.at >= RECORD_REFRESH_MS && !known.refreshing) {
      known.refreshing = true;
      const row = readRow(id);
      row.then(
        () => rows.set(id, { at: now, row }),
        () => (known.refreshing = false), // the next visit tries again; at 10 s one waits and sees the error
      );
    }
    return known.row;
  }
  const row = readRow(id);
  rows.set(id, { at: now, row });
  row.catch(() => rows.delete(id));
  if (rows.size > CHAIN_CACHE_MAX) rows.delete(rows.keys().next().value!);
  return row;
}

async function chainHalf(row: TRow): Promise<TRetirementOnChain> {
  const key = `${row.txId}:${row.logIndex}:${row.tokenAddress}`.toLowerCase();
  const known = finalChain.get(key);
  if (known) return known;
  const chain = await readRetirementOnChain({
    txHash: row.txId,
    tokenAddress: row.tokenAddress,
    logIndex: row.logIndex,
  });
  if (chain.found && chain.final) {
    finalChain.set(key, chain);
    if (finalChain.size > CHAIN_CACHE_MAX) finalChain.delete(finalChain.keys().next().value!);
  }
  return chain;
}

/** What "final" means here, for the page (docs/proof.md, "What final means"). */
export function finalityRule(): string {
  const { CHAIN_FINALITY, INDEXER_CONFIRMATIONS } = config();
  if (CHAIN_FINALITY === "tag") return "final once the chain's finalized block has passed it";
  return INDEXER_CONFIRMATIONS === 0
    ? "final once mined: this chain is final at depth 0"
    : `final once ${INDEXER_CONFIRMATIONS} block${INDEXER_CONFIRMATIONS === 1 ? "" : "s"} deep`;
}

function publicRecord(row: TRow, now: Date): TProofRecord {
  const hidden = isBeneficiaryHidden(row.beneficiaryHiddenUntil, now);
  return {
    id: row.id,
    txId: row.txId,
    logIndex: row.logIndex,
    contract: row.tokenAddress,
    tokenId: row.tokenId,
    account: row.retireeAddress,
    amount: fromBaseUnits(toBaseUnits(row.amount.toFixed())),
    projectName: row.projectName,
    serialization: row.serialization,
    vintage: row.vintage,
    beneficiary: hidden ? null : row.beneficiary,
    beneficiaryHiddenUntil: hidden ? row.beneficiaryHiddenUntil!.toISOString() : null,
    reason: row.reason,
    isClaimed: row.isClaimed,
    retiredAt: row.createdAt.toISOString(),
    claimedAt: row.claimedAt?.toISOString() ?? null,
    commitment: row.commitment,
  };
}

/** Both halves and the verdict of retirement `id`. Never throws for a chain or database outage. */
export async function loadRetirementProof(id: string): Promise<TRetirementProof> {
  if (!UUID.test(id)) return { status: "not_found" };
  let row: TRow | null;
  try {
    row = await cachedRow(id.toLowerCase());
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message }, retirementId: id }, "proof: the database cannot be read");
    return { status: "unreadable", unreadable: "database" };
  }
  if (!row) return { status: "not_found" };
  const record = publicRecord(row, new Date());
  let chain: TRetirementOnChain;
  try {
    chain = await chainHalf(row);
  } catch (err) {
    logger.warn({ err: { message: (err as Error).message }, retirementId: id }, "proof: the chain cannot be read");
    return { status: "unreadable", unreadable: "chain", record };
  }
  const finalityNote = finalityRule();
  return {
    status: "checked",
    record,
    chain: { ...chain, finalityNote },
    verdict: registryProofVerdict(chain, row, { finalityNote }),
  };
}

/** Tests: forget what was read (the next visit reads both halves again). */
export function forgetRetirementProofs() {
  rows.clear();
  finalChain.clear();
}
