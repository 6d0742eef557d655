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

const globalForPrisma = globalThis as unknown as { prisma?: TPrisma };

/** The one Prisma client of this process. */
export const prisma: TPrisma = new Proxy({} as TPrisma, {
  get(_target, prop) {
    globalForPrisma.prisma ??= createPrisma(config().DATABASE_URL);
    return Reflect.get(globalForPrisma.prisma, prop, globalForPrisma.prisma);
  },
});
