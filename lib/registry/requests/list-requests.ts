import { prisma } from "@/lib/db";
import type { IcrCreditRequest } from "@/lib/generated/prisma/client";

/** An organization's requests, newest first, paged. */
export async function listRequests(opts: {
  organizationId: string;
  limit: number;
  page: number;
}): Promise<{ items: IcrCreditRequest[]; total: number; page: number; pageCount: number }> {
  const where = { organizationId: opts.organizationId };
  const [items, total] = await Promise.all([
    prisma.icrCreditRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (opts.page - 1) * opts.limit,
      take: opts.limit,
    }),
    prisma.icrCreditRequest.count({ where }),
  ]);
  return { items, total, page: opts.page, pageCount: Math.ceil(total / opts.limit) };
}
