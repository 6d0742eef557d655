import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { IcrWebhookDeliveryStatus } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/registry/web/format";
import { listWebhookDeliveries } from "@/lib/registry/webhooks/list-webhook-deliveries";

const STATUS: Record<IcrWebhookDeliveryStatus, { label: string; tone: TBadgeTone }> = {
  pending: { label: "retrying", tone: "warning" },
  delivered: { label: "delivered", tone: "success" },
  failed: { label: "failed", tone: "danger" },
};

// The webhooks ICR sent (or is still trying to send) to apps about this organization.
export async function WebhookDeliveries({ organizationId }: { organizationId: string }) {
  const deliveries = await listWebhookDeliveries({ organizationId });
  return (
    <Card title="Webhook deliveries">
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">No webhook has been sent about this organization yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="webhook-deliveries">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Sent</th>
                <th className="py-2 pr-4">App · event</th>
                <th className="py-2 pr-4">Status</th>
                <th className="py-2 pr-4">Attempts</th>
                <th className="py-2">Last error · next attempt</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 align-top" data-testid="webhook-delivery">
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(d.createdAt)}</td>
                  <td className="py-2 pr-4">
                    {d.app.name} · <code className="text-xs">{d.event}</code>
                  </td>
                  <td className="py-2 pr-4">
                    <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
                  </td>
                  <td className="py-2 pr-4 tabular-nums">
                    {d.attempts} of {d.maxAttempts}
                  </td>
                  <td className="py-2 text-xs text-slate-600">
                    {d.lastError && <p className="break-all text-red-700">{d.lastError}</p>}
                    {d.status === "pending" && d.nextAttemptAt && <p>Next attempt {formatDateTime(d.nextAttemptAt)}</p>}
                    {d.status === "delivered" && d.deliveredAt && <p>Delivered {formatDateTime(d.deliveredAt)}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
