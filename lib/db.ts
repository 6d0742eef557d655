import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

// Secrets are omitted from every query unless a caller asks for them with `omit: { x: false }`.
const OMIT = {
  icrUser: { passwordHash: true },
  icrApp: { webhookSecret: true },
  cmUser: { passwordHash: true },
  cmWallet: { keystoreJson: true, keyWrapped: true, pinHash: true },
  cmIcrConnection: { accessTokenEncrypted: true },
} as const;

export function createPrisma(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), omit: OMIT });
}
export type TPrisma = ReturnType<typeof createPrisma>;
/** A transaction's client: what `prisma.$transaction(async (db) => …)` passes. */
export type TTx = Parameters<Parameters<TPrisma["$transaction"]>[0]>[0];
/** The process's client or a transaction's: what code that may run in its caller's transaction takes. */
export type TDb = TPrisma | TTx;

/** A write refused by a unique index (Prisma's P2002): the row was made meanwhile, e.g. by the same request sent twice. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

const globalForPrisma = globalThis as unknown as { prisma?: TPrisma };

/** The one Prisma client of this process. */
export const prisma: TPrisma = new Proxy({} as TPrisma, {
  get(_target, prop) {
    globalForPrisma.prisma ??= createPrisma(config().DATABASE_URL);
    return Reflect.get(globalForPrisma.prisma, prop, globalForPrisma.prisma);
  },
});
