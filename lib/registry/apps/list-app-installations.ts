import { prisma } from "@/lib/db";
import { serializeInstallation } from "@/lib/registry/apps/serialize-installation";

/** The app's active installations, oldest first, paged (GET /app/installations). */
export async function listAppInstallations(input: { appId: string; limit: number; page: number }) {
  const where = { appId: input.appId, isActive: true };
  const [rows, total] = await Promise.all([
    prisma.icrInstallation.findMany({
      where,
      include: { organization: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (input.page - 1) * input.limit,
      take: input.limit,
    }),
    prisma.icrInstallation.count({ where }),
  ]);
  return { items: rows.map(serializeInstallation), total, page: input.page, pageCount: Math.ceil(total / input.limit) };
}
