import { z } from "zod";

// Response shapes of the ICR API (../shared/seeds/002_…txt, docs/icr-contract.md). Amounts arrive as
// JSON numbers (or strings) and become decimal strings right here, before any code touches them.

/** A JSON number or decimal string → exact decimal string ("100", "0.5"). Never used for arithmetic as a float. */
export const ZIcrAmount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = typeof v === "number" ? numberToDecimalString(v) : v.trim();
  if (s === undefined || !/^\d+(\.\d+)?$/.test(s)) {
    ctx.addIssue({ code: "custom", message: `not a non-negative amount: ${String(v)}` });
    return z.NEVER;
  }
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s.replace(/^0+(?=\d)/, "");
});

/** Shortest exact decimal for a finite non-negative JSON number; handles exponent notation. */
export function numberToDecimalString(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(n);
  if (!s.includes("e")) return s;
  // Only numbers below 1e-6 are written with a negative exponent here.
  const [mantissa, exponent] = s.split("e");
  return `0.${"0".repeat(-Number(exponent) - 1)}${mantissa.replace(".", "")}`;
}

export const ZIcrRequestState = z.enum([
  "cancelled",
  "failed",
  "pending_onchain",
  "pending_queue",
  "pending_request",
  "pending_reserved",
  "processed",
  "rejected",
]);
export type TIcrRequestState = z.infer<typeof ZIcrRequestState>;

export const ZIcrOrganization = z.object({
  id: z.string(),
  fullName: z.string(),
  countryCode: z.string(),
  type: z.string(),
  isPublic: z.boolean().optional(),
  logo: z.string().optional(),
  city: z.string().nullish(),
  website: z.string().nullish(),
});
export type TIcrOrganization = z.infer<typeof ZIcrOrganization>;

const ZAddressEntry = z.union([
  z.string(),
  z.object({ address: z.string(), isDefault: z.boolean().optional() }).loose(),
]);

/** GET /organizations/{id}/addresses: the reference shows the organization; addresses may be a list of strings or objects. */
export const ZIcrOrganizationAddresses = z
  .union([z.array(ZAddressEntry), z.object({ addresses: z.array(ZAddressEntry) }).loose()])
  .transform((v) => {
    const list = Array.isArray(v) ? v : v.addresses;
    return list.map((a) =>
      typeof a === "string"
        ? { address: a, isDefault: false }
        : { address: a.address, isDefault: a.isDefault ?? false },
    );
  })
  .pipe(
    z
      .array(
        z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "not an EVM address"), isDefault: z.boolean() }),
      )
      .min(1, "the organization has no address"),
  );

const ZInventoryItem = z
  .object({
    id: z.string().optional(),
    creditId: z.string().optional(),
    type: z.string().optional(),
    tokenId: z.union([z.string(), z.number()]).transform(String),
    tokenAddress: z.string(),
    serialization: z.string(),
    vintage: z.union([z.string(), z.number()]).transform(String),
    amount: ZIcrAmount,
    available: ZIcrAmount.optional(),
    availableAmount: ZIcrAmount.optional(),
    projectName: z.string().optional(),
    project: z
      .object({
        fullName: z.string().optional(),
        name: z.string().optional(),
        num: z.union([z.string(), z.number()]).optional(),
      })
      .loose()
      .optional(),
  })
  .loose()
  .transform((c, ctx) => {
    const creditId = c.creditId ?? c.id;
    if (!creditId) {
      ctx.addIssue({ code: "custom", message: "a credit without an id" });
      return z.NEVER;
    }
    return {
      creditId,
      tokenId: c.tokenId,
      tokenAddress: c.tokenAddress,
      serialization: c.serialization,
      vintage: c.vintage,
      amount: c.amount,
      available: c.available ?? c.availableAmount ?? c.amount,
      projectName: c.projectName ?? c.project?.fullName ?? c.project?.name ?? c.serialization,
    };
  });
export type TIcrInventoryCredit = z.output<typeof ZInventoryItem>;

/**
 * One credit exactly as the ICR sandbox sends it in GET /organizations/{id}/inventory (whose answer
 * is a bare list: `ZIcrInventorySandboxAnswer`). Strict: the sandbox's serializer is typed by it, and
 * test stand-ins build their answers with it, so a stand-in cannot answer in a shape ICR never sends.
 */
export const ZIcrInventorySandboxItem = z.strictObject({
  organizationId: z.string(),
  id: z.string(),
  tokenId: z.string(),
  tokenAddress: z.string(),
  project: z.strictObject({
    id: z.string(),
    fullName: z.string(),
    url: z.string(),
    publicUrl: z.string(),
    num: z.string(),
  }),
  serialization: z.string(),
  vintage: z.string(),
  supply: z.number(),
  unit: z.literal("tonne"),
  amount: z.number(),
  available: z.number(),
  reserved: z.number(),
  type: z.enum(["exPost", "exAnte"]),
});
export type TIcrInventorySandboxItem = z.infer<typeof ZIcrInventorySandboxItem>;
export const ZIcrInventorySandboxAnswer = z.array(ZIcrInventorySandboxItem);

/** GET /organizations/{id}/inventory: a list of credits, or an object `{ organizationId, credits | inventory }`. */
export const ZIcrInventory = z
  .union([
    z.array(ZInventoryItem),
    z.object({
      organizationId: z.string().optional(),
      credits: z.array(ZInventoryItem).optional(),
      inventory: z.array(ZInventoryItem).optional(),
    }),
  ])
  .transform((v) => ({ credits: Array.isArray(v) ? v : (v.credits ?? v.inventory ?? []) }));
export type TIcrInventory = z.output<typeof ZIcrInventory>;

/** A credit request ("transaction"), as the action endpoint and GET …/transactions/{id} return it. */
export const ZIcrTransaction = z.object({
  id: z.string(),
  action: z.enum(["transfer", "retire", "transfer_retire", "cancel"]),
  type: z.string(),
  toAddress: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tokenId: z.union([z.string(), z.number()]).transform(String),
  tokenAddress: z.string(),
  creditId: z.string(),
  serialization: z.string(),
  vintage: z.union([z.string(), z.number()]).transform(String),
  amount: ZIcrAmount,
  fromOrganizationId: z.string(),
  toOrganizationId: z.string().nullish(),
  txId: z.string().nullish(),
  state: ZIcrRequestState,
  failureReason: z.string().nullish(),
});
export type TIcrTransaction = z.output<typeof ZIcrTransaction>;

export const ZIcrInstallation = z.object({
  id: z.string(),
  appId: z.string(),
  organizationId: z.string(),
  organization: ZIcrOrganization,
  permissions: z.array(z.string()),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type TIcrInstallation = z.infer<typeof ZIcrInstallation>;

export const ZIcrAccessToken = z.object({
  id: z.string().optional(),
  token: z.string().regex(/^crs_[A-Za-z0-9]+$/, "not an installation token"),
  expiresAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  isActive: z.boolean().optional(),
  permissions: z.array(z.string()).optional(),
});
export type TIcrAccessToken = z.output<typeof ZIcrAccessToken>;

/** GET /projects: ICR's projects with their credit contracts (the only contracts whose tokens are ICR credits). */
export const ZIcrProjects = z
  .object({
    projects: z.array(
      z
        .object({
          id: z.string(),
          fullName: z.string(),
          num: z.union([z.string(), z.number()]).transform(String).optional(),
          projectAddress: z
            .string()
            .regex(/^0x[0-9a-fA-F]{40}$/, "not an EVM address")
            .nullish(),
        })
        .loose(),
    ),
  })
  .loose();
export type TIcrProjects = z.output<typeof ZIcrProjects>;
