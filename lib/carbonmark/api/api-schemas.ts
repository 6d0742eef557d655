// The API's response and request shapes (docs/api.md). The routes answer with them and the OpenAPI
// document is generated from them: one source.
import { z } from "zod";
import { ZRequestImport } from "@/lib/carbonmark/imports/request-import";

const ZDecimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .meta({ description: "An exact decimal amount in tonnes (tCO2e), as a string", example: "12.345" });
const ZTimestamp = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });

export const ZHolding = z
  .object({
    creditId: z.string().meta({ example: "exPost-1-0x5FbDB2315678afecb367f032d93F642f64180aa3" }),
    tokenAddress: z.string(),
    tokenId: z.string(),
    projectName: z.string(),
    vintage: z.string(),
    serialization: z.string(),
    amount: ZDecimal,
  })
  .meta({ id: "Holding" });

export const ZImportState = z
  .enum([
    "requested",
    "cancelled",
    "failed",
    "pending_onchain",
    "pending_queue",
    "pending_request",
    "pending_reserved",
    "processed",
    "rejected",
  ])
  .meta({ id: "ImportState" });

export const ZImport = z
  .object({
    id: z.uuid(),
    creditId: z.string(),
    projectName: z.string(),
    serialization: z.string(),
    vintage: z.string(),
    amount: ZDecimal,
    action: z.enum(["transfer", "transfer_retire"]),
    state: ZImportState,
    icrTransactionId: z.string().nullable(),
    txHash: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: "Import" });

export const ZPortfolio = z
  .object({
    address: z.string().meta({ description: "The custodial wallet's address" }),
    holdings: z.array(ZHolding),
    importsInFlight: z.array(ZImport),
  })
  .meta({ id: "Portfolio" });

export const ZActivityItem = z
  .object({
    id: z.uuid(),
    kind: z.enum(["import", "export", "retirement"]),
    at: ZTimestamp,
    creditId: z.string(),
    projectName: z.string(),
    serialization: z.string(),
    amount: ZDecimal,
    direction: z.enum(["in", "out"]).meta({ description: "in: credits came to the wallet; out: they left it" }),
    state: z
      .string()
      .meta({ description: "import: its ImportState; export: pending|sent|confirmed|failed; retirement: its stage" }),
    stateLabel: z.string(),
    txHash: z.string().nullable(),
    icrTransactionId: z.string().nullable(),
    icrRetirementId: z.string().nullable(),
  })
  .meta({ id: "ActivityItem" });

export const ZActivityPage = z
  .object({
    items: z.array(ZActivityItem),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last" }),
  })
  .meta({ id: "ActivityPage" });

export const ZActivityQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(200, "limit must be at most 200")
    .default(50),
  cursor: z.string().max(200).optional().meta({ description: "The nextCursor of the previous page" }),
});

export const ZRetirement = z
  .object({
    id: z.uuid(),
    creditId: z.string(),
    projectName: z.string(),
    serialization: z.string(),
    vintage: z.string(),
    amount: ZDecimal,
    beneficiary: z.string(),
    reason: z.string(),
    comment: z.string(),
    stage: z.enum(["retiring", "awaiting_certificate", "confirming", "certified", "failed"]).meta({
      description:
        "confirming: the registry has the retirement, its transaction is not final on chain yet; certified: final, the certificate is ready",
    }),
    stageLabel: z.string(),
    txHash: z.string().nullable(),
    icrRetirementId: z.string().nullable(),
    proofUrl: z
      .string()
      .nullable()
      .meta({ description: "The registry's public proof page (null until ICR has the retirement)" }),
    createdAt: ZTimestamp,
  })
  .meta({ id: "Retirement" });

export const ZRetirementList = z.object({ items: z.array(ZRetirement) }).meta({ id: "RetirementList" });

export const ZRetirementProof = z
  .object({
    retirementId: z.uuid(),
    stage: ZRetirement.shape.stage,
    txHash: z.string().nullable(),
    icrRetirementId: z.string().nullable(),
    proofUrl: z.string().nullable(),
    certificateUrl: z
      .string()
      .nullable()
      .meta({ description: "The certificate PDF, through Carbonmark (null until certified)" }),
  })
  .meta({ id: "RetirementProof" });

export const ZIdParams = z.object({ id: z.uuid({ error: "id must be a UUID" }) });

export const ZImportRequest = ZRequestImport.omit({ idempotencyKey: true }).meta({ id: "ImportRequest" });

export const ZIdempotencyKey = z
  .string({ error: "Send an Idempotency-Key header (e.g. a UUID) with every import request" })
  .min(8, "The Idempotency-Key must be 8 to 255 characters")
  .max(255, "The Idempotency-Key must be 8 to 255 characters")
  .regex(/^[\x21-\x7e]+$/, "The Idempotency-Key must be printable ASCII without spaces");
