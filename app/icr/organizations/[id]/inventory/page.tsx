import Link from "next/link";
import { z } from "zod";
import { Address } from "@/components/ui/address";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount";
import { prisma } from "@/lib/db";
import { listInventory } from "@/lib/registry/inventory/list-inventory";
import { listRequestRows } from "@/lib/registry/web/list-request-rows";
import { requireOrgMember } from "@/lib/registry/web/require-org-member";
import { IN_FLIGHT_STATES } from "@/lib/registry/web/request-states";
import { AutoRefresh } from "./auto-refresh";
import { RequestsTable } from "./requests-table";
import { RetireButton } from "./retire-button";

const PAGE_SIZE = 10;
const ZPage = z.coerce.number().int().min(1).catch(1);

// /icr/organizations/{id}/inventory: credits, wallet addresses and every request (admins accept, decline, retire).
export default async function InventoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const page = ZPage.parse((await searchParams).page);
  const { isAdmin } = await requireOrgMember(id, `/icr/organizations/${id}/inventory${page > 1 ? `?page=${page}` : ""}`);
  const [inventory, addresses, requests] = await Promise.all([
    listInventory({ organizationId: id }),
    prisma.icrOrgAddress.findMany({ where: { organizationId: id }, orderBy: [{ isDefault: "desc" }, { derivationIndex: "asc" }] }),
    listRequestRows({ organizationId: id, page, limit: PAGE_SIZE }),
  ]);
  const isInFlight = requests.rows.some((r) => IN_FLIGHT_STATES.includes(r.state));
  const pendingCount = requests.rows.filter((r) => r.state === "pending_request").length;

  return (
    <div className="flex flex-col gap-6">
      <Card title="Wallet addresses">
        <p className="mb-3 text-sm text-slate-600">Credits held by these addresses are your organization&apos;s inventory. Send exports from Carbonmark here.</p>
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
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Project</th>
                  <th className="py-2 pr-4 font-medium">Serialization</th>
                  <th className="py-2 pr-4 font-medium">Vintage</th>
                  <th className="py-2 pr-4 text-right font-medium">Amount</th>
                  <th className="py-2 pr-4 text-right font-medium">Reserved</th>
                  <th className="py-2 pr-4 text-right font-medium">Available</th>
                  {isAdmin && <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {inventory.map((c) => (
                  <tr key={c.id} data-testid="credit-row">
                    <td className="py-3 pr-4" data-label="Project">
                      <div>
                        <div className="font-medium">{c.project.fullName}</div>
                        <div className="text-xs text-slate-500">Project {c.project.num}</div>
                      </div>
                    </td>
                    <td className="py-3 pr-4 font-mono text-xs" data-label="Serialization">{c.serialization}</td>
                    <td className="py-3 pr-4" data-label="Vintage">{c.vintage}</td>
                    <td className="py-3 pr-4 text-right tabular-nums" data-label="Amount">{formatAmount(c.amount)}</td>
                    <td className="py-3 pr-4 text-right tabular-nums text-slate-500" data-label="Reserved">{formatAmount(c.reserved)}</td>
                    <td className="py-3 pr-4 text-right font-semibold tabular-nums" data-label="Available">{formatAmount(c.available)}</td>
                    {isAdmin && (
                      <td className="py-3 text-right">
                        <RetireButton organizationId={id} credit={{ id: c.id, serialization: c.serialization, projectName: c.project.fullName, available: c.available }} />
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
          <span className="flex items-center gap-2">
            Requests {pendingCount > 0 && <Badge tone="warning">{pendingCount} awaiting approval</Badge>}
          </span>
        }
        actions={<AutoRefresh isActive={isInFlight} />}
      >
        {!isAdmin && <p className="mb-3 text-sm text-slate-600">Only admins of the organization can accept or decline requests.</p>}
        <RequestsTable rows={requests.rows} isAdmin={isAdmin} />
        {requests.pageCount > 1 && (
          <nav aria-label="Request pages" className="mt-4 flex items-center justify-between text-sm">
            <span className="text-slate-500">
              Page {requests.page} of {requests.pageCount} · {requests.total} requests
            </span>
            <span className="flex gap-3">
              {page > 1 && <Link className="text-icr hover:underline" href={`?page=${page - 1}`}>← Newer</Link>}
              {page < requests.pageCount && <Link className="text-icr hover:underline" href={`?page=${page + 1}`}>Older →</Link>}
            </span>
          </nav>
        )}
      </Card>
    </div>
  );
}
