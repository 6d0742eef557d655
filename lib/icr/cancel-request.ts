import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrTransaction } from "@/lib/icr/schemas";

/**
 * POST /organizations/{id}/inventory/action/cancel (organization_inventory:read_write): cancels a
 * `pending_request` this app made; ICR releases its reservation. Repeating it answers 409, never retried.
 */
export function cancelRequest(
  opts: { token: string; organizationId: string; transactionId: string },
  client: IcrHttpClient = icrClient(),
) {
  return client.request({
    method: "POST",
    path: `/organizations/${encodeURIComponent(opts.organizationId)}/inventory/action/cancel`,
    auth: opts.token,
    body: { transactionId: opts.transactionId },
    schema: ZIcrTransaction,
    timeoutMs: 15_000,
  });
}
