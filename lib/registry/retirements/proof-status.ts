import { loadRetirementProof } from "@/lib/registry/retirements/retirement-proof";

export type TProofStatus =
  | { status: "not_found" }
  | { status: "unreadable"; unreadable: "chain" | "database" }
  | { status: "checked"; verdict: "verified" | "pending" | "mismatch" };

/** The verdict alone (what a waiting proof page polls for). */
export async function proofStatus(id: string): Promise<TProofStatus> {
  const proof = await loadRetirementProof(id);
  if (proof.status === "checked") return { status: "checked", verdict: proof.verdict.verdict };
  if (proof.status === "unreadable") return { status: "unreadable", unreadable: proof.unreadable };
  return proof;
}

/** The key a page compares to know its verdict changed. */
export function proofStatusKey(s: TProofStatus): string {
  return s.status === "checked" ? s.verdict : s.status === "unreadable" ? `unreadable:${s.unreadable}` : s.status;
}
