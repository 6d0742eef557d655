import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";
import { serializeRetirements } from "@/lib/registry/retirements/serialize-retirement";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";

/** Every retirement, on and off platform, newest first. */
export async function listRetirements(opts: { skip: number; first: number }) {
  await syncRetirements();
  const [rows, total] = await Promise.all([
    prisma.icrRetirement.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: opts.skip,
      take: opts.first,
    }),
    prisma.icrRetirement.count(),
  ]);
  const currentPage = Math.floor(opts.skip / opts.first) + 1;
  const pageCount = Math.ceil(total / opts.first);
  const page = {
    total,
    currentPage,
    pageCount,
    nextPage: currentPage < pageCount ? currentPage + 1 : 0,
    prevPage: currentPage > 1 ? currentPage - 1 : 0,
  };
  return { retirements: await serializeRetirements(rows, page) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findRetirement(id: string) {
  const row = UUID.test(id) ? await prisma.icrRetirement.findUnique({ where: { id } }) : null;
  if (!row) throw notFound(`Retirement ${id} not found`);
  return row;
}

export async function getRetirement(id: string) {
  await syncRetirements();
  const [r] = await serializeRetirements([await findRetirement(id)]);
  return r;
}
