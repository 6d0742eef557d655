import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrTransaction } from "@/lib/icr/schemas";

const id = (s: string) => encodeURIComponent(s);

/** GET /organizations/{id}/transactions/{transactionId} (organization_inventory:read). */
export function getTransaction(
  opts: { token: string; organizationId: string; transactionId: string },
  client: IcrHttpClient = icrClient(),
) {
  return client.request({
    method: "GET",
    path: `/organizations/${id(opts.organizationId)}/transactions/${id(opts.transactionId)}`,
    auth: opts.token,
    schema: ZIcrTransaction,
  });
}
