import { prisma } from "@/lib/db";
import { WEBHOOK_MAX_ATTEMPTS } from "@/lib/registry/webhooks/webhook-jobs";

/** The latest webhook deliveries about an organization, newest first: what its admins see of each app's webhooks. */
export async function listWebhookDeliveries(input: { organizationId: string; take?: number }) {
  const rows = await prisma.icrWebhookDelivery.findMany({
    where: { organizationId: input.organizationId },
    include: { app: { select: { name: true, webhookUrl: true } } },
    orderBy: { createdAt: "desc" },
    take: input.take ?? 20,
  });
  return rows.map((r) => ({ ...r, maxAttempts: WEBHOOK_MAX_ATTEMPTS }));
}
