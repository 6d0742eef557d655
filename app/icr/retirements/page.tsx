import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { FilterField } from "@/components/ui/filter-field";
import { formatAmount } from "@/lib/amount";
import { config } from "@/lib/config";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { getRetirement } from "@/lib/registry/retirements/list-retirements";
import {
  listPublicRetirements,
  type TPublicRetirementRow,
  ZPublicRetirementQuery,
} from "@/lib/registry/retirements/public-retirements";
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";
import { formatDateTime } from "@/lib/format-date-time";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

const ZOne = z.object({
  /** `?id=`: one retirement (what Carbonmark links to from a user's retirement). */
  id: z.uuid().optional().catch(undefined),
});

/** The retirement `id` names, as the list shows it (empty when there is none). */
async function oneRetirement(id: string): Promise<TPublicRetirementRow[]> {
  try {
    const r = await getRetirement(id);
    return [
      {
        id: r.id,
        amount: String(r.amount),
        projectName: r.project.fullName,
        serialization: "serialization" in r ? r.serialization : "",
        vintage: "vintage" in r ? r.vintage : "",
        isClaimed: r.isClaimed,
        beneficiary: "beneficiary" in r ? (r.beneficiary ?? null) : null,
        beneficiaryHidden: false,
        reason: "reason" in r ? (r.reason ?? null) : null,
        createdAt: r.createdAt,
      },
    ];
  } catch (err) {
    if (err instanceof IcrHttpError && err.status === 404) return [];
    throw err;
  }
}

// /icr/retirements: every retirement, newest first, public: search and filters, totals per
// beneficiary, keyset pages (lib/registry/retirements/public-retirements.ts). Unclaimed on-chain
// ones show only amount and project; a beneficiary the retiree hid is not shown until its date.
export default async function RetirementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])),
  );
  const { id } = ZOne.parse(sp);
  const parsed = ZPublicRetirementQuery.safeParse(sp);
  if (!id) await syncRetirements();
  const list = id || !parsed.success ? undefined : await listPublicRetirements(parsed.data);
  const retirements = id ? await oneRetirement(id) : (list?.retirements ?? []);
  const q = parsed.success ? parsed.data : ZPublicRetirementQuery.parse({});
  const filters = { beneficiary: q.beneficiary, project: q.project, vintage: q.vintage, from: q.from, to: q.to };
  const href = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, first: q.first === 20 ? undefined : String(q.first), ...extra }))
      if (v) params.set(k, v);
    const s = params.toString();
    return s ? `/icr/retirements?${s}` : "/icr/retirements";
  };
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
        {!parsed.success && (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {parsed.error.issues[0]?.message}.{" "}
            <a className="underline" href="/icr/retirements">
              Show the newest retirements
            </a>
          </p>
        )}
        {id && (
          <p className="mt-2 text-sm">
            Showing one retirement.{" "}
            <a className="text-icr underline" href="/icr/retirements">
              Show all retirements
            </a>
          </p>
        )}
      </div>
      {!id && (
        <form method="get" action="/icr/retirements" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search">
          <FilterField label="Beneficiary" name="beneficiary" value={q.beneficiary} />
          <FilterField label="Project" name="project" value={q.project} />
          <FilterField label="Vintage" name="vintage" value={q.vintage} />
          <FilterField label="From" name="from" type="date" value={q.from} />
          <FilterField label="To" name="to" type="date" value={q.to} />
          <div className="flex items-end gap-2">
            <button className="rounded bg-icr px-3 py-2 text-sm font-medium text-white hover:bg-icr-dark">
              Search
            </button>
            <a className="px-2 py-2 text-sm text-icr underline" href="/icr/retirements">
              Clear
            </a>
          </div>
        </form>
      )}
      {list && list.totals.length > 0 && (
        <Card title="Totals per beneficiary">
          <ul className="divide-y divide-slate-100 text-sm" data-testid="beneficiary-totals">
            {list.totals.map((t) => (
              <li key={t.beneficiary} className="flex justify-between gap-4 py-1.5">
                <span className="min-w-0 break-words">{t.beneficiary}</span>
                <span className="whitespace-nowrap tabular-nums">
                  {formatAmount(t.amount)} tCO₂e · {t.count} retirement{t.count === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
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
                    <span className="text-slate-700">{r.projectName}</span>
                  </div>
                  {r.beneficiary && (
                    <div className="text-sm">
                      Beneficiary: <span className="font-medium">{r.beneficiary}</span>
                    </div>
                  )}
                  {r.isClaimed && r.beneficiaryHidden && (
                    <div className="text-sm text-slate-600">Beneficiary not public yet</div>
                  )}
                  {r.isClaimed && r.serialization && (
                    <div className="break-all font-mono text-xs text-slate-600">
                      {r.serialization} · vintage {r.vintage}
                    </div>
                  )}
                  {r.reason && <div className="text-sm text-slate-600">Reason: {r.reason}</div>}
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
                  <a
                    className="whitespace-nowrap text-sm font-medium text-icr hover:underline"
                    href={`/icr/retirements/${r.id}/proof`}
                    data-testid="proof-link"
                  >
                    Proof
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
        {list && (
          <nav aria-label="Retirement pages" className="mt-4 flex flex-wrap items-center justify-end gap-3 text-sm">
            {q.after && (
              <a className="text-icr hover:underline" href={href({})}>
                ← Newest
              </a>
            )}
            {list.next && (
              <a className="text-icr hover:underline" href={href({ after: list.next })}>
                Older →
              </a>
            )}
          </nav>
        )}
      </Card>
    </div>
  );
}
