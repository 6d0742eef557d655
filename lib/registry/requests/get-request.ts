import { prisma } from "@/lib/db";
import { notFound } from "@/lib/registry/api/errors";

/** One request of an organization, or 404. */
export async function getRequest(opts: { organizationId: string; requestId: string }) {
  const r = await prisma.icrCreditRequest.findFirst({
    where: { id: opts.requestId, organizationId: opts.organizationId },
  });
  if (!r) throw notFound(`Transaction ${opts.requestId} not found in this organization`);
  return r;
}
