// Zod schemas of the ICR API: the route handlers parse with them and the OpenAPI document is
// generated from them (lib/registry/api/openapi.ts), so the two can never disagree.
import { getAddress, isAddress } from "ethers";
import { z } from "zod";
import { MAX_REQUEST_DECIMALS, normalizeAmount } from "@/lib/amount";

export const ZOrgId = z.uuid("id must be an organization UUID");
export const ZOrgParams = z.object({ id: ZOrgId });

/** An amount in a request body: a JSON number or a decimal string, at most 3 decimals, above 0. Output: normalized decimal string. */
export const ZApiAmount = z
  .union([z.number(), z.string()], { error: "amount is required: a number such as 12.5" })
  .transform((v, ctx) => {
    const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : v.trim();
    if (/^-\d+(\.\d+)?$/.test(s) || /^-?0+(\.0+)?$/.test(s)) {
      ctx.addIssue({ code: "custom", message: "amount must be greater than 0 (the smallest amount is 0.001)" });
      return z.NEVER;
    }
    if (!/^\d+(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: "custom", message: "amount must be a plain decimal number such as 12.5" });
      return z.NEVER;
    }
    if ((s.split(".")[1]?.length ?? 0) > MAX_REQUEST_DECIMALS) {
      ctx.addIssue({ code: "custom", message: "amount may have at most 3 decimals (the smallest amount is 0.001)" });
      return z.NEVER;
    }
    return normalizeAmount(s);
  })
  .meta({ description: "A number (or decimal string) above 0 with at most 3 decimals", example: 100 });

/** An EVM address; a mixed-case address must carry a valid EIP-55 checksum. Output: checksummed. */
export const ZEvmAddress = z
  .string()
  .trim()
  .refine((s) => /^0x[0-9a-fA-F]{40}$/.test(s), "must be a 0x-prefixed EVM address of 40 hex characters")
  .refine((s) => isAddress(s), "has an invalid mixed-case checksum (EIP-55); check the address or send it in lower case")
  .transform((s) => getAddress(s));

export const ZInventoryQuery = z.object({
  development: z.string().optional().meta({ description: "If defined returns the development (sandbox test credits) inventory" }),
});

const ZText = (max: number, what: string) => z.string().trim().max(max, `${what} may be at most ${max} characters`);

export const ZActionBody = z
  .object({
    creditId: z.string({ error: "creditId is required" }).trim().min(1, "creditId is required").meta({ example: "exPost-2-0x1234567890abcdef" }),
    amount: ZApiAmount,
    toOrganizationId: z.uuid("toOrganizationId must be an organization UUID").optional(),
    toAddress: ZEvmAddress.optional().meta({ example: "0x1234567890abcdef1234567890abcdef12345678" }),
    retirementReason: ZText(500, "retirementReason").optional(),
    retirementComment: ZText(1000, "retirementComment").optional(),
    beneficiaryName: ZText(200, "beneficiaryName").min(1, "beneficiaryName must not be empty").optional(),
  })
  .meta({ id: "InventoryActionBody" });
export type TActionBody = z.output<typeof ZActionBody>;

export const ZCancelBody = z.object({ transactionId: z.uuid("transactionId must be the UUID of a request") }).meta({ id: "CancelBody" });

export const ZActionParams = z.object({ id: ZOrgId, action: z.enum(["transfer", "retire", "transfer_retire", "cancel"], { error: "action must be one of transfer, retire, transfer_retire, cancel" }) });

export const ZTransactionParams = z.object({ id: ZOrgId, transactionId: z.uuid("transactionId must be a UUID") });
export const ZRequestParams = z.object({ id: ZOrgId, requestId: z.uuid("requestId must be a UUID") });

export const ZPageQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit may be at most 100").default(20),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page starts at 1").default(1),
});

export const ZRetirementListQuery = z.object({
  skip: z.coerce.number({ error: "skip must be a number" }).int("skip must be a whole number").min(0, "skip must not be negative").default(0),
  first: z.coerce.number({ error: "first must be a number" }).int("first must be a whole number").min(1, "first must be at least 1").max(100, "first may be at most 100").default(20),
});
export const ZRetirementIdQuery = z.object({ id: z.string({ error: "id is required" }).trim().min(1, "id is required") });
export const ZRetirementParams = z.object({ retirementId: z.string().trim().min(1) });

export const ZFinalizeBody = z
  .object({
    signer: ZEvmAddress,
    signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, "signature must be a 65-byte hex signature (0x + 130 hex characters)"),
    signedData: z.object({
      beneficiary: z.string().trim().min(1, "beneficiary must not be empty").max(200, "beneficiary may be at most 200 characters"),
      comment: z.string().max(1000, "comment may be at most 1000 characters").default(""),
      reason: z.string().max(500, "reason may be at most 500 characters").default(""),
      projectAddress: ZEvmAddress,
      tokenId: z.string().regex(/^\d+$/, "tokenId must be a whole number"),
    }),
  })
  .meta({ id: "FinalizeRetirementBody" });
export type TFinalizeBody = z.output<typeof ZFinalizeBody>;

// ── responses (documentation; the serializers produce exactly these) ──

export const ZProjectRef = z.object({ id: z.string(), fullName: z.string(), url: z.string(), publicUrl: z.string(), num: z.string() }).meta({ id: "Project" });

export const ZInventoryItem = z
  .object({
    organizationId: z.string(),
    id: z.string().meta({ example: "exPost-2-0x1234567890abcdef" }),
    tokenId: z.string(),
    tokenAddress: z.string(),
    project: ZProjectRef,
    serialization: z.string(),
    vintage: z.string(),
    supply: z.number(),
    unit: z.literal("tonne"),
    amount: z.number(),
    available: z.number(),
    reserved: z.number(),
    type: z.enum(["exPost", "exAnte"]),
  })
  .meta({ id: "InventoryItem" });

export const REQUEST_STATES = ["cancelled", "failed", "pending_onchain", "pending_queue", "pending_request", "pending_reserved", "processed", "rejected"] as const;

export const ZTransaction = z
  .object({
    action: z.enum(["transfer", "retire", "transfer_retire", "cancel"]),
    type: z.enum(["exPost", "exAnte"]),
    id: z.string(),
    toAddress: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    tokenId: z.string(),
    tokenAddress: z.string(),
    creditId: z.string(),
    serialization: z.string(),
    vintage: z.string(),
    amount: z.number(),
    fromOrganizationId: z.string(),
    toOrganizationId: z.string().optional(),
    txId: z.string().optional(),
    state: z.enum(REQUEST_STATES),
    failureReason: z.string().optional(),
    retirementId: z.string().optional(),
    retirementReason: z.string().optional(),
    retirementComment: z.string().optional(),
    beneficiaryName: z.string().optional(),
  })
  .meta({ id: "Transaction" });

export const ZRequestPage = z.object({ items: z.array(ZTransaction), total: z.number(), page: z.number(), pageCount: z.number() }).meta({ id: "RequestPage" });

export const ZFriendbotResult = z.object({ serialization: z.string(), amount: z.number(), transactionId: z.string() }).meta({ id: "FriendbotResult" });

export const ZRetirement = z
  .object({
    createdAt: z.string(),
    id: z.string(),
    isClaimed: z.boolean(),
    reason: z.string().optional(),
    comment: z.string().optional(),
    beneficiary: z.string().optional(),
    organizationId: z.string().optional(),
    organizationOwner: z.object({ total: z.number(), currentPage: z.number(), pageCount: z.number(), nextPage: z.number(), prevPage: z.number() }).optional(),
    serialization: z.string().optional(),
    vintage: z.string().optional(),
    amount: z.number(),
    project: ZProjectRef,
  })
  .meta({ id: "Retirement" });

export const ZError = z
  .object({
    statusCode: z.number(),
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });
