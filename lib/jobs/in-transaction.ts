import type PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * pg-boss's statements run on the caller's Prisma transaction (pass as `db` to `send`), so a job
 * exists if and only if the change that causes it commits: no job for a change rolled back, no
 * change whose job a crash lost.
 */
export function jobsInTransaction(db: Pick<Prisma.TransactionClient, "$queryRawUnsafe">): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const params = values.map((v) =>
        v === undefined ? null : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      return { rows: await db.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  } as unknown as PgBoss.Db;
}
