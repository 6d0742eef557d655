// The list of ICR API endpoints this sandbox serves, with the zod schemas its routes parse with.
// The OpenAPI document and the /icr/docs page are generated from it.
import { z, type ZodType } from "zod";
import { APP_ENDPOINTS } from "@/lib/registry/apps/app-endpoints";
import { ZProjectListItem } from "@/lib/registry/list-projects";
import {
  ZActionBody,
  ZActionParams,
  ZFinalizeBody,
  ZFriendbotResult,
  ZInventoryItem,
  ZInventoryQuery,
  ZOrgParams,
  ZPageQuery,
  ZRequestPage,
  ZRequestParams,
  ZRetirement,
  ZRetirementIdQuery,
  ZRetirementListQuery,
  ZRetirementParams,
  ZTransaction,
  ZTransactionParams,
} from "@/lib/registry/api/schemas";

export type TEndpoint = {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  auth: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  /** success status when not 200 */
  status?: 201 | 204;
  response: ZodType | "pdf" | "none";
};

const ZOrganization = z
  .object({
    createdAt: z.string(),
    updatedAt: z.string(),
    fullName: z.string(),
    countryCode: z.string(),
    city: z.string().optional(),
    zip: z.string().optional(),
    physicalAddress: z.string().optional(),
    registrationNumber: z.string().optional(),
    website: z.string().optional(),
    logo: z.string(),
    id: z.string(),
    type: z.enum(["projectProponent", "broker", "buyer", "validator"]),
    isPublic: z.boolean(),
    url: z.string(),
  })
  .meta({ id: "Organization" });

const ZOrgWithAddresses = z
  .object({
    id: z.string(),
    fullName: z.string(),
    addresses: z.array(z.object({ address: z.string(), isDefault: z.boolean(), createdAt: z.string() })),
  })
  .meta({ id: "OrganizationAddresses" });

export const ENDPOINTS: TEndpoint[] = [
  {
    method: "get",
    path: "/organizations/{id}",
    summary: "An organization's base information",
    auth: "organization_info:read",
    params: ZOrgParams,
    response: ZOrganization,
  },
  {
    method: "get",
    path: "/organizations/{id}/addresses",
    summary: "An organization's public EVM addresses",
    auth: "organization_info:read",
    params: ZOrgParams,
    response: ZOrgWithAddresses,
  },
  {
    method: "get",
    path: "/organizations/{id}/inventory",
    summary: "The organization's inventory (chain balances; available = amount − reserved by pending requests)",
    auth: "organization_inventory:read",
    params: ZOrgParams,
    query: ZInventoryQuery,
    response: z.array(ZInventoryItem),
  },
  {
    method: "post",
    path: "/organizations/{id}/inventory/action/{action}",
    summary:
      "Request a transfer / retire / transfer_retire (an org admin must accept it), or cancel a pending request (body { transactionId })",
    auth: "organization_inventory:read_write",
    params: ZActionParams,
    body: ZActionBody,
    response: ZTransaction,
  },
  {
    method: "get",
    path: "/organizations/{id}/transactions/{transactionId}",
    summary: "One transaction (request) with its state",
    auth: "organization_inventory:read",
    params: ZTransactionParams,
    response: ZTransaction,
  },
  {
    method: "get",
    path: "/organizations/{id}/inventory/requests",
    summary: "The organization's requests, newest first",
    auth: "organization_inventory:read",
    params: ZOrgParams,
    query: ZPageQuery,
    response: ZRequestPage,
  },
  {
    method: "get",
    path: "/organizations/{id}/inventory/requests/{requestId}",
    summary: "One request",
    auth: "organization_inventory:read",
    params: ZRequestParams,
    response: ZTransaction,
  },
  {
    method: "get",
    path: "/organizations/{id}/friendbot",
    summary: "Sandbox: mint 100 test credits to the token's own organization",
    auth: "any access token",
    params: ZOrgParams,
    response: ZFriendbotResult,
  },
  {
    method: "get",
    path: "/projects",
    summary: "Every project with its credit contract (projectAddress); no token needed",
    auth: "none",
    response: z.object({ projects: z.array(ZProjectListItem) }),
  },
  {
    method: "get",
    path: "/retirements/list",
    summary: "Every retirement, on and off platform, newest first (unclaimed: amount and project only)",
    auth: "any access token",
    query: ZRetirementListQuery,
    response: z.object({ retirements: z.array(ZRetirement) }),
  },
  {
    method: "get",
    path: "/retirements",
    summary: "One retirement",
    auth: "any access token",
    query: ZRetirementIdQuery,
    response: ZRetirement,
  },
  {
    method: "get",
    path: "/retirements/{retirementId}/pdf",
    summary: "The retirement certificate (claimed retirements only)",
    auth: "any access token",
    params: ZRetirementParams,
    response: "pdf",
  },
  {
    method: "post",
    path: "/retirements/finalize",
    summary:
      "Finalize an on-chain retirement: EIP-191 signature of beneficiary;;comment;;reason;;projectAddress;;tokenId by the retiree",
    auth: "any access token",
    body: ZFinalizeBody,
    response: ZRetirement,
  },
  ...APP_ENDPOINTS,
];
