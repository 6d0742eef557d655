import type { IcrCreditRequest } from "@/lib/generated/prisma/client";

/** A request as the documented transaction shape (optional fields omitted when empty; amount as a JSON number). */
export function serializeRequest(r: IcrCreditRequest) {
  return {
    action: r.action,
    type: r.type,
    id: r.id,
    ...(r.toAddress ? { toAddress: r.toAddress } : {}),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    tokenId: r.tokenId,
    tokenAddress: r.tokenAddress,
    creditId: r.creditId,
    serialization: r.serialization,
    vintage: r.vintage,
    amount: Number(r.amount.toFixed()),
    fromOrganizationId: r.organizationId,
    ...(r.toOrganizationId ? { toOrganizationId: r.toOrganizationId } : {}),
    ...(r.txId && r.state !== "pending_queue" ? { txId: r.txId } : {}),
    state: r.state,
    ...(r.failureReason ? { failureReason: r.failureReason } : {}),
    ...(r.retirementId ? { retirementId: r.retirementId } : {}),
    ...(r.retirementReason ? { retirementReason: r.retirementReason } : {}),
    ...(r.retirementComment ? { retirementComment: r.retirementComment } : {}),
    ...(r.beneficiaryName ? { beneficiaryName: r.beneficiaryName } : {}),
  };
}
export type TSerializedRequest = ReturnType<typeof serializeRequest>;
