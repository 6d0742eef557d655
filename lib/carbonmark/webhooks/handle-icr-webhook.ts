import { z } from "zod";
import { isUniqueViolation, prisma } from "@/lib/db";
import { recordInstallConsent } from "@/lib/carbonmark/connection/record-install-consent";
import { applyIcrTransaction } from "@/lib/carbonmark/imports/apply-icr-transaction";
import { ZIcrTransaction } from "@/lib/icr/schemas";

export const ZIcrWebhook = z.object({
  event: z.enum(["installed", "uninstalled", "organizationTransaction"]),
  deliveryId: z.string().min(1).max(200),
  createdAt: z.string().optional(),
  installation: z.object({ id: z.guid(), organizationId: z.guid() }),
  transaction: ZIcrTransaction.optional(),
  /** `installed`: the state of the install link the admin consented to, and that admin. */
  state: z.string().max(2000).optional(),
  sender: z.object({ id: z.string().max(200), name: z.string().max(200) }).optional(),
});
export type TIcrWebhook = z.output<typeof ZIcrWebhook>;

/**
 * Applies one verified delivery. A delivery id already recorded is ignored; the changes themselves
 * are idempotent (forward-only states, deletes), so a retry racing the first attempt is harmless too.
 */
export async function handleIcrWebhook(event: TIcrWebhook): Promise<{ duplicate: boolean }> {
  const already = await prisma.cmWebhookDelivery.findUnique({ where: { deliveryId: event.deliveryId } });
  if (already) return { duplicate: true };

  if (event.event === "organizationTransaction" && event.transaction) {
    await applyIcrTransaction(event.transaction);
  }
  if (event.event === "installed" && event.state) {
    await recordInstallConsent({
      state: event.state,
      installationId: event.installation.id,
      organizationId: event.installation.organizationId,
      icrUser: event.sender,
      deliveryId: event.deliveryId,
    });
  }
  if (event.event === "uninstalled") {
    // The installation and all its tokens are gone on ICR: forget them here too.
    await prisma.cmIcrConnection.deleteMany({ where: { installationId: event.installation.id } });
  }
  try {
    await prisma.cmWebhookDelivery.create({ data: { deliveryId: event.deliveryId, event: event.event } });
  } catch (err) {
    if (isUniqueViolation(err)) return { duplicate: true };
    throw err;
  }
  return { duplicate: false };
}
