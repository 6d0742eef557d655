// Zod schemas of the ICR API: the route handlers parse with them and the OpenAPI document is
// generated from them (lib/registry/api/openapi.ts), so the two can never disagree.
import { getAddress, isAddress } from "ethers";
import { z } from "zod";
import { MAX_REQUEST_DECIMALS, normalizeAmount } from "@/lib/amount";
import { refineSingleLine } from "@/lib/single-line-text";
import { refineNoContactDetails } from "@/lib/contact-details-text";
import { hiddenUntilProblem } from "@/lib/beneficiary-privacy";

export const ZOrgId = z.uuid("id must be an organization UUID");
export const ZOrgParams = z.object({ id: ZOrgId });

/** The largest amount a request may ask for (15 integer digits; more than any project's supply). */
export const MAX_API_AMOUNT = "999999999999999.999";
const OUT_OF_RANGE = `amount is out of range: it must be above 0 and at most ${MAX_API_AMOUNT}`;

/** An amount in a request body: a JSON number or a decimal string, at most 3 decimals, above 0. Output: normalized decimal string. */
export const ZApiAmount = z
  // JSON numbers beyond float range (1e400) parse as ±Infinity, which z.number() refuses: out of range too.
  .union([z.number(), z.string().max(60, OUT_OF_RANGE)], {
    error: (iss) => (typeof iss.input === "number" ? OUT_OF_RANGE : "amount is required: a number such as 12.5"),
  })
  .transform((v, ctx) => {
    // Huge numbers print with an exponent: refuse them before that.
    if (typeof v === "number" && (!Number.isFinite(v) || Math.abs(v) >= 1e15)) {
      ctx.addIssue({ code: "custom", message: OUT_OF_RANGE });
      return z.NEVER;
    }
    const s = typeof v === "number" ? String(v) : v.trim();
    if (/^\d{16,}(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: "custom", message: OUT_OF_RANGE });
      return z.NEVER;
    }
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
  .refine(
    (s) => isAddress(s),
    "has an invalid mixed-case checksum (EIP-55); check the address or send it in lower case",
  )
  .transform((s) => getAddress(s));

export const ZInventoryQuery = z.object({
  development: z
    .string()
    .optional()
    .meta({ description: "If defined returns the development (sandbox test credits) inventory" }),
});

/** A text shown or printed as one line (names, retirement texts): no line breaks or invisible controls (lib/single-line-text.ts). */
const ZText = (max: number, what: string) =>
  z.string().trim().max(max, `${what} may be at most ${max} characters`).superRefine(refineSingleLine(what));

/** A retirement text that is published and bound on chain: one line, and no e-mail address or phone number. */
const ZRetirementText = (max: number, what: string) => ZText(max, what).superRefine(refineNoContactDetails(what));

/** The app's own account a request is made for (shown to the organization's admins beside the request). */
export const ZOnBehalfOf = z
  .object({
    accountId: z
      .string({ error: "onBehalfOf.accountId is required" })
      .trim()
      .min(1, "onBehalfOf.accountId is required")
      .max(100, "onBehalfOf.accountId may be at most 100 characters"),
    name: ZText(200, "onBehalfOf.name").optional(),
    email: ZText(254, "onBehalfOf.email").optional(),
    icrUserId: z.uuid("onBehalfOf.icrUserId must be the UUID of an ICR user").optional().meta({
      description:
        "The ICR user who connected this account (from the installed webhook's sender); must be a member of the organization",
    }),
  })
  .meta({
    id: "OnBehalfOf",
    description:
      "Optional: the app's account this request is made for, shown to the organization's admins so that an unexpected request stands out",
  });
export type TOnBehalfOf = z.output<typeof ZOnBehalfOf>;

const RETIREMENT_FIELDS = [
  ["reason", "retirementReason"],
  ["comment", "retirementComment"],
  ["beneficiaryName", "beneficiaryName"],
] as const;

export const ZActionBody = z
  .object({
    creditId: z
      .string({ error: "creditId is required" })
      .trim()
      .min(1, "creditId is required")
      .max(200, "creditId may be at most 200 characters")
      .meta({ example: "exPost-2-0x1234567890abcdef" }),
    amount: ZApiAmount,
    toOrganizationId: z.uuid("toOrganizationId must be an organization UUID").optional(),
    toAddress: ZEvmAddress.optional().meta({ example: "0x1234567890abcdef1234567890abcdef12345678" }),
    retirementReason: ZRetirementText(500, "retirementReason").optional(),
    retirementComment: ZRetirementText(1000, "retirementComment").optional(),
    beneficiaryName: ZRetirementText(200, "beneficiaryName").min(1, "beneficiaryName must not be empty").optional(),
    retirementData: z
      .object({
        reason: ZRetirementText(500, "retirementData.reason").optional(),
        comment: ZRetirementText(1000, "retirementData.comment").optional(),
        beneficiaryName: ZRetirementText(200, "retirementData.beneficiaryName")
          .min(1, "retirementData.beneficiaryName must not be empty")
          .optional(),
      })
      .optional()
      .meta({
        description:
          "The documented nested form of retirementReason / retirementComment / beneficiaryName (either form may be sent)",
      }),
    onBehalfOf: ZOnBehalfOf.optional(),
  })
  .transform((body, ctx) => {
    // One shape inside: the nested retirementData fills the flat fields; both disagreeing is an error.
    const { retirementData, ...flat } = body;
    for (const [nested, key] of RETIREMENT_FIELDS) {
      const value = retirementData?.[nested];
      if (value === undefined) continue;
      if (flat[key] !== undefined && flat[key] !== value) {
        ctx.addIssue({
          code: "custom",
          path: ["retirementData", nested],
          message: `retirementData.${nested} and ${key} differ: send one of them`,
        });
        return z.NEVER;
      }
      flat[key] = value;
    }
    return flat;
  })
  .meta({ id: "InventoryActionBody" });
export type TActionBody = z.output<typeof ZActionBody>;

export const ZCancelBody = z
  .object({ transactionId: z.uuid("transactionId must be the UUID of a request") })
  .meta({ id: "CancelBody" });

export const ZActionParams = z.object({
  id: ZOrgId,
  action: z.enum(["transfer", "retire", "transfer_retire", "cancel"], {
    error: "action must be one of transfer, retire, transfer_retire, cancel",
  }),
});

export const ZTransactionParams = z.object({ id: ZOrgId, transactionId: z.uuid("transactionId must be a UUID") });
export const ZRequestParams = z.object({ id: ZOrgId, requestId: z.uuid("requestId must be a UUID") });

export const ZPageQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(100, "limit may be at most 100")
    .default(20),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page starts at 1")
    .default(1),
});

export const ZRetirementListQuery = z.object({
  skip: z.coerce
    .number({ error: "skip must be a number" })
    .int("skip must be a whole number")
    .min(0, "skip must not be negative")
    .default(0),
  first: z.coerce
    .number({ error: "first must be a number" })
    .int("first must be a whole number")
    .min(1, "first must be at least 1")
    .max(100, "first may be at most 100")
    .default(20),
});
export const ZRetirementIdQuery = z.object({
  id: z
    .string({ error: "id is required" })
    .trim()
    .min(1, "id is required")
    .max(100, "id may be at most 100 characters"),
});
export const ZRetirementParams = z.object({
  retirementId: z.string().trim().min(1).max(100, "retirementId may be at most 100 characters"),
});

export const ZFinalizeBody = z
  .object({
    signer: ZEvmAddress,
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130}$/, "signature must be a 65-byte hex signature (0x + 130 hex characters)"),
    signedData: z.object({
      beneficiary: z
        .string()
        .trim()
        .min(1, "beneficiary must not be empty")
        .max(200, "beneficiary may be at most 200 characters")
        .superRefine(refineSingleLine("signedData.beneficiary"))
        .superRefine(refineNoContactDetails("signedData.beneficiary")),
      comment: z
        .string()
        .max(1000, "comment may be at most 1000 characters")
        .superRefine(refineSingleLine("signedData.comment"))
        .superRefine(refineNoContactDetails("signedData.comment"))
        .default(""),
      reason: z
        .string()
        .max(500, "reason may be at most 500 characters")
        .superRefine(refineSingleLine("signedData.reason"))
        .superRefine(refineNoContactDetails("signedData.reason"))
        .default(""),
      projectAddress: ZEvmAddress,
      tokenId: z.string().max(78, "tokenId may be at most 78 digits").regex(/^\d+$/, "tokenId must be a whole number"),
    }),
    commitmentSalt: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "commitmentSalt must be 64 lower-case hex characters (32 bytes)")
      .optional()
      .meta({
        description:
          "Sandbox extension: the salt of the details commitment the retiree passed to retire (DetailsBound). Required when the burn bound a commitment; the details must match it (docs/proof.md)",
      }),
    hideBeneficiaryUntil: z.iso
      .datetime({ offset: true, error: "hideBeneficiaryUntil must be an ISO 8601 date-time" })
      .optional()
      .meta({
        description:
          "Sandbox extension: public pages, public API answers and the public certificate omit the beneficiary until then (at most 12 months ahead)",
      }),
  })
  .superRefine((body, ctx) => {
    const problem = body.hideBeneficiaryUntil && hiddenUntilProblem(new Date(body.hideBeneficiaryUntil));
    if (problem)
      ctx.addIssue({ code: "custom", path: ["hideBeneficiaryUntil"], message: `hideBeneficiaryUntil ${problem}` });
  })
  .meta({ id: "FinalizeRetirementBody" });
export type TFinalizeBody = z.output<typeof ZFinalizeBody>;

// ── responses (documentation; the serializers produce exactly these) ──

export const ZProjectRef = z
  .object({ id: z.string(), fullName: z.string(), url: z.string(), publicUrl: z.string(), num: z.string() })
  .meta({ id: "Project" });

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

export const REQUEST_STATES = [
  "cancelled",
  "failed",
  "pending_onchain",
  "pending_queue",
  "pending_request",
  "pending_reserved",
  "processed",
  "rejected",
] as const;

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

export const ZRequestPage = z
  .object({ items: z.array(ZTransaction), total: z.number(), page: z.number(), pageCount: z.number() })
  .meta({ id: "RequestPage" });

export const ZFriendbotResult = z
  .object({ serialization: z.string(), amount: z.number(), transactionId: z.string() })
  .meta({ id: "FriendbotResult" });

export const ZRetirement = z
  .object({
    createdAt: z.string(),
    id: z.string(),
    isClaimed: z.boolean(),
    reason: z.string().optional(),
    comment: z.string().optional(),
    beneficiary: z.string().optional(),
    organizationId: z.string().optional(),
    organizationOwner: z
      .object({
        total: z.number(),
        currentPage: z.number(),
        pageCount: z.number(),
        nextPage: z.number(),
        prevPage: z.number(),
      })
      .optional(),
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
