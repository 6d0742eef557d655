// The salted commitment that binds a retirement's details to its burn on chain (CarbonCredit
// `DetailsBound`). Neutral: Carbonmark computes it before retiring, the registry checks it when the
// details are finalized, and any verifier recomputes it from the signed record.
import { randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import { sha256Hex } from "@/lib/crypto/sha256";

/** What a retirement says beyond its burn: who it is for and why. */
export type TRetirementDetails = { beneficiary: string | null; reason: string | null; comment: string | null };

/** 32 random bytes, hex; kept off chain (in the registry's signed record). */
export function newCommitmentSalt(): string {
  return randomBytes(32).toString("hex");
}

/** The exact bytes hashed: RFC 8785 JSON of the details, the salt and a format version. */
export function commitmentPreimage(details: TRetirementDetails, salt: string): string {
  return canonicalize({
    v: 1,
    beneficiary: details.beneficiary,
    reason: details.reason,
    comment: details.comment,
    salt,
  })!;
}

/** 0x-prefixed SHA-256 of the preimage: the `bytes32` passed to `retire`. */
export function retirementCommitment(details: TRetirementDetails, salt: string): string {
  return `0x${sha256Hex(commitmentPreimage(details, salt))}`;
}
