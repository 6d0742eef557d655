import { icrClient } from "@/lib/icr/client";
import type { IcrHttpClient } from "@/lib/icr/base-client";
import { ZIcrOrganization, ZIcrOrganizationAddresses } from "@/lib/icr/schemas";

const id = (s: string) => encodeURIComponent(s);

/** GET /organizations/{id} (organization_info:read). */
export function getOrganization(opts: { token: string; organizationId: string }, client: IcrHttpClient = icrClient()) {
  return client.request({
    method: "GET",
    path: `/organizations/${id(opts.organizationId)}`,
    auth: opts.token,
    schema: ZIcrOrganization,
  });
}

/** GET /organizations/{id}/addresses (organization_info:read): where credits can be deposited. */
export function getOrganizationAddresses(
  opts: { token: string; organizationId: string },
  client: IcrHttpClient = icrClient(),
) {
  return client.request({
    method: "GET",
    path: `/organizations/${id(opts.organizationId)}/addresses`,
    auth: opts.token,
    schema: ZIcrOrganizationAddresses,
  });
}
