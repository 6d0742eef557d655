import type { TPrisma } from "@/lib/db";

/** The client inside `prisma.$transaction(async (db) => …)`. */
export type TPrismaTx = Omit<TPrisma, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
