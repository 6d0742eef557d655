import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format-date-time";
import { listWebhookDeliveries } from "@/lib/registry/webhooks/list-webhook-deliveries";

type TDelivery = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];

function status(d: TDelivery): { label: string; tone: TBadgeTone } {
  if (d.status === "delivered") return { label: "delivered", tone: "success" };
  if (d.status === "failed") return { label: "failed", tone: "danger" };
  return d.attempts === 0 ? { label: "queued", tone: "neutral" } : { label: "retrying", tone: "warning" };
}

// The webhooks ICR sent (or is still trying to send) to apps about this organization.
export async function WebhookDeliveries({ organizationId }: { organizationId: string }) {
  const deliveries = await listWebhookDeliveries({ organizationId });
  return (
    <Card title="Webhook deliveries">
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">No webhook has been sent about this organization yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="webhook-deliveries">
          {deliveries.map((d) => {
            const s = status(d);
            return (
              <li key={d.id} className="flex flex-col gap-1 py-3" data-testid="webhook-delivery">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 break-all">
                    {d.app.name} · <code className="text-xs">{d.event}</code>
                  </span>
                  <Badge tone={s.tone}>{s.label}</Badge>
                </div>
                <p className="text-xs text-slate-500">
                  Sent {formatDateTime(d.createdAt)} · attempt {d.attempts} of {d.maxAttempts}
                  {d.status === "delivered" && d.deliveredAt && ` · delivered ${formatDateTime(d.deliveredAt)}`}
                  {d.status === "pending" &&
                    d.attempts > 0 &&
                    d.nextAttemptAt &&
                    ` · next attempt ${formatDateTime(d.nextAttemptAt)}`}
                </p>
                {d.lastError && d.status !== "delivered" && (
                  <p className="break-all text-xs text-red-700">Last error: {d.lastError}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
