import { Badge, type TBadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { listApiKeys } from "@/lib/carbonmark/api-keys/manage-api-keys";
import { formatDateTime } from "@/lib/format-date-time";
import { USER_WEBHOOK_EVENTS } from "@/lib/carbonmark/user-webhooks/emit-event";
import { listDeliveries, listWebhookEndpoints } from "@/lib/carbonmark/user-webhooks/manage-endpoints";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-keys";
import { AddEndpointForm, EnableEndpointButton, RemoveEndpointButton, SendAgainButton } from "./webhooks";
import { TableHead } from "@/components/ui/table-head";

export const dynamic = "force-dynamic";

const DELIVERY_TONE: Record<string, TBadgeTone> = { delivered: "success", pending: "info", failed: "danger" };

// /settings/api: API keys, webhook endpoints and the delivery log (docs/api.md).
export default async function ApiSettingsPage() {
  const user = await requireUser("/settings/api");
  const [keys, endpoints, deliveries] = await Promise.all([
    listApiKeys({ userId: user.id }),
    listWebhookEndpoints({ userId: user.id }),
    listDeliveries({ userId: user.id, take: 30 }),
  ]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-3xl font-bold">API and webhooks</h1>
      <p className="text-sm text-slate-600">
        Connect your own systems: read your portfolio, activity and retirements, request imports, and hear of changes as
        they happen. The API is described at{" "}
        <a className="font-semibold text-brand underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <Card title="API keys">
        <div className="flex flex-col gap-4 text-sm">
          <p className="text-slate-600">
            Send a key as <code>Authorization: Bearer cmk_…</code>. A read-only key cannot request imports. Creating a
            key mails you a security notice; revoking one refuses it from the next request.
          </p>
          {keys.length === 0 ? (
            <p data-testid="no-api-keys">You have no API keys.</p>
          ) : (
            <table className="stack-table w-full text-left text-sm" data-testid="api-keys">
              <TableHead columns={["Name", "Key", "Access", "Last used"]} hasActions />
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => (
                  <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? "text-slate-400" : undefined}>
                    <td className="py-2 pr-4 font-medium break-words" data-label="Name">
                      {k.name}
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs" data-label="Key">
                      {k.prefix}…
                    </td>
                    <td className="py-2 pr-4" data-label="Access">
                      {k.scopeLabel}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label="Last used">
                      {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}
                    </td>
                    <td className="py-2 text-right">
                      {k.revokedAt ? (
                        <Badge>Revoked {formatDateTime(k.revokedAt)}</Badge>
                      ) : (
                        <RevokeApiKeyButton keyId={k.id} name={k.name} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <CreateApiKeyForm />
        </div>
      </Card>
      <Card title="Webhook endpoints">
        <div className="flex flex-col gap-4 text-sm">
          <p className="text-slate-600">
            Carbonmark POSTs {Object.keys(USER_WEBHOOK_EVENTS).join(", ")} events, signed with the endpoint&apos;s
            secret (header <code>Carbonmark-Signature</code>), and retries a failed delivery for more than a day. An
            endpoint failing for three days is disabled and you get an e-mail. Endpoints must be https and public.
          </p>
          {endpoints.length === 0 ? (
            <p data-testid="no-webhook-endpoints">You have no webhook endpoints.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="webhook-endpoints">
              {endpoints.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <p className="font-mono text-xs break-all">{e.url}</p>
                    <p className="text-xs text-slate-500">
                      {e.disabledAt ? (
                        <Badge tone="danger">Disabled {formatDateTime(e.disabledAt)}</Badge>
                      ) : e.failingSince ? (
                        <Badge tone="warning">Failing since {formatDateTime(e.failingSince)}</Badge>
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )}{" "}
                      added {formatDateTime(e.createdAt)}
                    </p>
                    {e.disabledReason && <p className="text-xs text-red-700 break-words">{e.disabledReason}</p>}
                  </div>
                  <div className="flex gap-2">
                    {e.disabledAt && <EnableEndpointButton endpointId={e.id} url={e.url} />}
                    <RemoveEndpointButton endpointId={e.id} url={e.url} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          <AddEndpointForm />
        </div>
      </Card>
      <Card title="Deliveries">
        {deliveries.length === 0 ? (
          <p className="text-sm" data-testid="no-deliveries">
            No events were sent yet.
          </p>
        ) : (
          <table className="stack-table w-full text-left text-sm" data-testid="deliveries">
            <TableHead columns={["Event", "Status", "Attempts", "Last answer"]} hasActions />
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td className="py-2 pr-4" data-label="Event">
                    {/* One block per cell: on a phone the cell is a row of label and value (.stack-table). */}
                    <span className="block min-w-0">
                      <span className="block font-medium whitespace-nowrap">{d.eventType}</span>
                      <span className="block font-mono text-xs text-slate-500 break-all">{d.eventId}</span>
                      <span className="block text-xs text-slate-500 break-all">
                        to <span className="font-mono">{d.endpointUrl}</span>
                      </span>
                    </span>
                  </td>
                  <td className="py-2 pr-4" data-label="Status">
                    <span className="block">
                      <Badge tone={DELIVERY_TONE[d.status] ?? "neutral"}>{d.status}</Badge>
                      {d.status === "pending" && d.nextAttemptAt && (
                        <span className="block text-xs text-slate-500">next {formatDateTime(d.nextAttemptAt)}</span>
                      )}
                    </span>
                  </td>
                  <td className="py-2 pr-4" data-label="Attempts">
                    {d.attempts}
                  </td>
                  <td className="py-2 pr-4 break-words" data-label="Last answer">
                    <span className="block">
                      {d.lastStatus ? `HTTP ${d.lastStatus}` : (d.lastError ?? "—")}
                      {d.lastAttemptAt && (
                        <span className="block text-xs text-slate-500">{formatDateTime(d.lastAttemptAt)}</span>
                      )}
                    </span>
                  </td>
                  <td className="py-2 text-right">{d.status !== "pending" && <SendAgainButton deliveryId={d.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
