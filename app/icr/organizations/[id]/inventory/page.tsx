import { Address } from "@/components/ui/address";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount";
import { config } from "@/lib/config";
import { listInventory } from "@/lib/registry/inventory/list-inventory";
import { inventoryQuery, ZInventorySearchParams } from "@/lib/registry/web/inventory-search-params";
import { listPendingRequestRows } from "@/lib/registry/web/list-pending-request-rows";
import { getRequestRow, listRequestRows } from "@/lib/registry/web/list-request-rows";
import { requireOrgMember } from "@/lib/registry/web/require-org-member";
import { HISTORY_FILTERS, IN_FLIGHT_STATES } from "@/lib/registry/web/request-states";
import { AutoRefresh } from "./auto-refresh";
import { HistoryFilter } from "./history-filter";
import { RequestsTable } from "./requests-table";
import { listOrgAddresses } from "@/lib/registry/organizations/organization-addresses";
import { RetireButton } from "./retire-button";
import { TableHead } from "@/components/ui/table-head";

const PAGE_SIZE = 10;

// /icr/organizations/{id}/inventory: credits, wallet addresses and every request (admins accept, decline, retire).
export default async function InventoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = ZInventorySearchParams.parse(await searchParams);
  const { page, state } = query;
  // ?request=<id>: the link in the admins' mail opens the page on that request.
  const linkedId = query.request;
  const { isAdmin } = await requireOrgMember(id, `/icr/organizations/${id}/inventory${inventoryQuery(query)}`);
  // Pending requests are pinned whatever the history page or filter: none can wait unseen on an old page.
  const [inventory, addresses, pending, requests, linked] = await Promise.all([
    listInventory({ organizationId: id }),
    listOrgAddresses(id),
    listPendingRequestRows({ organizationId: id }),
    listRequestRows({
      organizationId: id,
      page,
      limit: PAGE_SIZE,
      states: HISTORY_FILTERS[state].states,
      excludeStates: ["pending_request"],
    }),
    linkedId ? getRequestRow({ organizationId: id, requestId: linkedId }) : null,
  ]);
  const base = `/icr/organizations/${id}/inventory`;
  const isInFlight = [...requests.rows, ...(linked ? [linked] : [])].some((r) => IN_FLIGHT_STATES.includes(r.state));

  return (
    <div className="flex flex-col gap-6">
      {linkedId && (
        <Card title="The request you were sent" className="scroll-mt-6 border-amber-300">
          <div id={`request-${linkedId}`} data-testid="linked-request">
            {linked ? (
              <RequestsTable rows={[linked]} isAdmin={isAdmin} />
            ) : (
              <p className="text-sm text-slate-600">This request does not exist in this organization.</p>
            )}
          </div>
        </Card>
      )}
      <Card title="Wallet addresses">
        <p className="mb-3 text-sm text-slate-600">
          Credits held by these addresses are your organization&apos;s inventory. Send exports from Carbonmark here.
        </p>
        <ul className="flex flex-col gap-2">
          {addresses.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <Address value={a.address} />
              {a.isDefault && <Badge tone="info">default</Badge>}
            </li>
          ))}
        </ul>
      </Card>

      <Card title="Credits">
        {inventory.length === 0 ? (
          <p className="text-sm text-slate-600">This organization holds no credits.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="stack-table w-full text-left text-sm">
              <TableHead
                className="border-b border-slate-200 uppercase tracking-wide"
                columns={[
                  "Project",
                  "Serialization",
                  "Vintage",
                  { label: "Amount", isNumeric: true },
                  { label: "Reserved", isNumeric: true },
                  { label: "Available", isNumeric: true },
                ]}
                hasActions={isAdmin}
              />
              <tbody className="divide-y divide-slate-100">
                {inventory.map((c) => (
                  <tr key={c.id} data-testid="credit-row">
                    <td className="py-3 pr-4" data-label="Project">
                      <div>
                        <div className="font-medium">{c.project.fullName}</div>
                        <div className="text-xs text-slate-500">Project {c.project.num}</div>
                      </div>
                    </td>
                    <td className="py-3 pr-4 font-mono text-xs" data-label="Serialization">
                      {c.serialization}
                    </td>
                    <td className="py-3 pr-4" data-label="Vintage">
                      {c.vintage}
                    </td>
                    <td className="py-3 pr-4 text-right tabular-nums" data-label="Amount">
                      {formatAmount(c.amount)}
                    </td>
                    <td className="py-3 pr-4 text-right tabular-nums text-slate-500" data-label="Reserved">
                      {formatAmount(c.reserved)}
                    </td>
                    <td className="py-3 pr-4 text-right font-semibold tabular-nums" data-label="Available">
                      {formatAmount(c.available)}
                    </td>
                    {isAdmin && (
                      <td className="py-3 text-right">
                        <RetireButton
                          organizationId={id}
                          credit={{
                            id: c.id,
                            serialization: c.serialization,
                            projectName: c.project.fullName,
                            available: c.available,
                          }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            Pending requests
            <span data-testid="pending-total">
              <Badge tone={pending.total > 0 ? "warning" : "neutral"}>
                {pending.total > 0 ? `${pending.total} awaiting approval` : "none"}
              </Badge>
            </span>
          </span>
        }
      >
        <section aria-label="Requests awaiting approval" data-testid="pending-requests">
          {pending.total === 0 ? (
            <p className="text-sm text-slate-600">No request is waiting for a decision.</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600" data-testid="pending-summary">
                {pending.total} request{pending.total === 1 ? "" : "s"} · {formatAmount(pending.reservedAmount)} tCO₂e
                reserved until decided · longest waiting first
              </p>
              {!isAdmin && (
                <p className="mb-2 text-sm text-slate-600">
                  Only admins of the organization can accept or decline requests.
                </p>
              )}
              <RequestsTable rows={pending.rows} isAdmin={isAdmin} />
              {pending.total > pending.rows.length && (
                <p className="mt-2 text-sm text-slate-600">
                  Showing the {pending.rows.length} longest waiting; decide on these to see the rest.
                </p>
              )}
            </>
          )}
        </section>
      </Card>

      <Card
        title="History"
        actions={<AutoRefresh organizationId={id} isActive={isInFlight} intervalMs={config().POLL_INTERVAL_MS} />}
      >
        <HistoryFilter basePath={base} current={state} />
        <section aria-label="Request history" data-testid="request-history">
          {requests.total === 0 ? (
            <p className="text-sm text-slate-600">
              {state === "all"
                ? "No decided requests yet. Transfers requested by apps such as Carbonmark appear above for an admin to accept."
                : `No ${HISTORY_FILTERS[state].label.toLowerCase()} requests.`}
            </p>
          ) : (
            <RequestsTable rows={requests.rows} isAdmin={isAdmin} />
          )}
        </section>
        {requests.pageCount > 1 && (
          <nav aria-label="Request pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="text-slate-500">
              Page {requests.page} of {requests.pageCount} · {requests.total} requests
            </span>
            <span className="flex gap-3">
              {page > 1 && (
                <a className="text-icr hover:underline" href={`${base}${inventoryQuery({ page: page - 1, state })}`}>
                  ← Newer
                </a>
              )}
              {page < requests.pageCount && (
                <a className="text-icr hover:underline" href={`${base}${inventoryQuery({ page: page + 1, state })}`}>
                  Older →
                </a>
              )}
            </span>
          </nav>
        )}
      </Card>
    </div>
  );
}
