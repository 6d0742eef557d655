import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount";
import { prisma } from "@/lib/db";
import { config } from "@/lib/config";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { getRetirement, listRetirements } from "@/lib/registry/retirements/list-retirements";
import { formatDateTime } from "@/lib/registry/web/format";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

const ZQuery = z.object({
  skip: z.coerce.number().int().min(0).catch(0),
  first: z.coerce.number().int().min(1).max(100).catch(20),
  /** `?id=`: one retirement (what Carbonmark links to from a user's retirement). */
  id: z.uuid().optional().catch(undefined),
});

/** The list, or just the retirement `id` names (empty when there is none). */
async function retirementsToShow(q: z.infer<typeof ZQuery>) {
  if (!q.id) return (await listRetirements(q)).retirements;
  try {
    return [await getRetirement(q.id)];
  } catch (err) {
    if (err instanceof IcrHttpError && err.status === 404) return [];
    throw err;
  }
}

// /icr/retirements: every retirement, newest first, public. Unclaimed on-chain ones show only amount and project.
export default async function RetirementsPage({
  searchParams,
}: {
  searchParams: Promise<{ skip?: string; first?: string; id?: string }>;
}) {
  const query = ZQuery.parse(await searchParams);
  const { skip, first, id } = query;
  const [retirements, total] = await Promise.all([retirementsToShow(query), prisma.icrRetirement.count()]);
  const href = (s: number) => `/icr/retirements?skip=${s}&first=${first}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Retirements</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every retirement of ICR credits, on and off platform, newest first. On-chain retirements show their
          beneficiary once the retiree claims them. Those made on Carbonmark are also listed{" "}
          <a className="text-icr underline" href={`${config().APP_URL}/retirements`}>
            on Carbonmark
          </a>
          .
        </p>
        {id && (
          <p className="mt-2 text-sm">
            Showing one retirement.{" "}
            <a className="text-icr underline" href="/icr/retirements">
              Show all retirements
            </a>
          </p>
        )}
      </div>
      <Card>
        {retirements.length === 0 ? (
          <p className="text-sm text-slate-600">{id ? "No retirement has this id." : "No retirements yet."}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {retirements.map((r) => (
              <li
                key={r.id}
                id={`retirement-${r.id}`}
                className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-4 gap-y-1 py-4"
                data-testid="retirement"
                data-claimed={r.isClaimed}
              >
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-x-2">
                    <span className="font-semibold">{formatAmount(String(r.amount))} tCO₂e</span>
                    <span className="text-slate-700">{r.project.fullName}</span>
                  </div>
                  {"beneficiary" in r && r.beneficiary && (
                    <div className="text-sm">
                      Beneficiary: <span className="font-medium">{r.beneficiary}</span>
                    </div>
                  )}
                  {"serialization" in r && (
                    <div className="break-all font-mono text-xs text-slate-600">
                      {r.serialization} · vintage {r.vintage}
                    </div>
                  )}
                  {"reason" in r && r.reason && <div className="text-sm text-slate-600">Reason: {r.reason}</div>}
                  <div className="text-xs text-slate-500">
                    <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                  </div>
                </div>
                <div className="flex flex-col items-end gap-2 text-right">
                  {r.isClaimed ? <Badge tone="success">claimed</Badge> : <Badge tone="neutral">awaiting claim</Badge>}
                  {r.isClaimed && (
                    <a
                      className="whitespace-nowrap text-sm font-medium text-icr hover:underline"
                      href={`/icr/retirements/${r.id}/certificate`}
                    >
                      Certificate (PDF)
                    </a>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {!id && (
          <nav aria-label="Retirement pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="text-slate-500">
              {total === 0 ? "" : `${Math.min(skip + 1, total)}–${Math.min(skip + first, total)} of ${total}`}
            </span>
            <span className="flex gap-3">
              {skip > 0 && (
                <a className="text-icr hover:underline" href={href(Math.max(0, skip - first))}>
                  ← Newer
                </a>
              )}
              {skip + first < total && (
                <a className="text-icr hover:underline" href={href(skip + first)}>
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
