import { z } from "zod";
import { ZIcrAmount } from "@/lib/icr/schemas";
import { refineSingleLine } from "@/lib/single-line-text";

// Retirements (../shared/seeds/003_…txt). Unclaimed on-chain retirements carry only amount and
// project (plus id, date and isClaimed); claimed ones also beneficiary, serialization, vintage….

const ZIcrProjectRef = z
  .object({
    id: z.string(),
    fullName: z.string(),
    url: z.string().optional(),
    publicUrl: z.string().optional(),
    num: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .loose();

export const ZIcrRetirement = z.object({
  createdAt: z.string(),
  id: z.string(),
  isClaimed: z.boolean(),
  reason: z.string().nullish(),
  comment: z.string().nullish(),
  beneficiary: z.string().nullish(),
  organizationId: z.string().nullish(),
  serialization: z.string().nullish(),
  vintage: z.union([z.string(), z.number()]).transform(String).nullish(),
  amount: ZIcrAmount,
  project: ZIcrProjectRef,
});
export type TIcrRetirement = z.output<typeof ZIcrRetirement>;

export const ZIcrRetirementList = z.object({ retirements: z.array(ZIcrRetirement) });

/** The list's page limits as ICR enforces them (first ≤ 100, skip ≥ 0). */
export const RETIREMENT_PAGE_LIMIT = 100;
export const ZRetirementPage = z.object({
  skip: z.coerce
    .number({ error: "skip must be a number" })
    .int("skip must be a whole number")
    .min(0, "skip must not be negative")
    .default(0),
  first: z.coerce
    .number({ error: "first must be a number" })
    .int("first must be a whole number")
    .min(1, "first must be at least 1")
    .max(RETIREMENT_PAGE_LIMIT, `first may be at most ${RETIREMENT_PAGE_LIMIT}`)
    .default(20),
});
export type TRetirementPage = z.output<typeof ZRetirementPage>;

/** What the retiree signs for POST /retirements/finalize. */
export const ZIcrSignedRetirementData = z.object({
  beneficiary: z.string().min(1).max(200).superRefine(refineSingleLine("beneficiary")),
  comment: z.string().superRefine(refineSingleLine("comment")),
  reason: z.string().superRefine(refineSingleLine("reason")),
  projectAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  tokenId: z.string().regex(/^\d+$/),
});
export type TIcrSignedRetirementData = z.infer<typeof ZIcrSignedRetirementData>;

/** The PDF certificate's bytes; anything that is not a PDF is refused. */
export const ZIcrPdf = z
  .instanceof(Uint8Array)
  .refine((b) => b.length > 5 && new TextDecoder().decode(b.subarray(0, 5)) === "%PDF-", "not a PDF");
