import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrInventory, ZIcrTransaction } from "@/lib/icr/schemas";

const id = (s: string) => encodeURIComponent(s);

/** GET /organizations/{id}/inventory (organization_inventory:read). */
export function getInventory(opts: { token: string; organizationId: string }, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "GET",
    path: `/organizations/${id(opts.organizationId)}/inventory`,
    auth: opts.token,
    schema: ZIcrInventory,
  });
}

/**
 * POST /organizations/{id}/inventory/action/transfer, or `transfer_retire` with a retirement (ICR
 * retires the credits in the name of `beneficiaryName` for `toAddress`, with a certificate)
 * (organization_inventory:read_write). Creates a request that waits for an admin's Accept. Not
 * idempotent on ICR's side: never retried here.
 */
export function requestTransfer(
  opts: {
    token: string;
    organizationId: string;
    creditId: string;
    amount: string;
    toAddress: string;
    idempotencyKey?: string;
    retirement?: { beneficiaryName: string; retirementReason?: string; retirementComment?: string };
    /** The Carbonmark account the request is for: ICR shows it to the admins who decide. */
    onBehalfOf?: { accountId: string; name: string; email?: string; icrUserId?: string };
  },
  client: IcrHttpClient = icrClient(),
) {
  const action = opts.retirement ? "transfer_retire" : "transfer";
  const retirement = opts.retirement
    ? {
        beneficiaryName: opts.retirement.beneficiaryName,
        ...(opts.retirement.retirementReason ? { retirementReason: opts.retirement.retirementReason } : {}),
        ...(opts.retirement.retirementComment ? { retirementComment: opts.retirement.retirementComment } : {}),
      }
    : {};
  return client.request({
    method: "POST",
    path: `/organizations/${id(opts.organizationId)}/inventory/action/${action}`,
    auth: opts.token,
    body: {
      creditId: opts.creditId,
      amount: opts.amount,
      toAddress: opts.toAddress,
      ...retirement,
      ...(opts.onBehalfOf ? { onBehalfOf: opts.onBehalfOf } : {}),
    },
    schema: ZIcrTransaction,
    timeoutMs: 15_000,
    idempotencyKey: opts.idempotencyKey,
  });
}
