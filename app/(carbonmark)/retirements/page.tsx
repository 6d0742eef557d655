import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FilterField } from "@/components/ui/filter-field";
import { formatAmount } from "@/lib/amount-format";
import { formatDateTime } from "@/lib/format-date-time";
import { listPublicRetirements, ZPublicRetirementFilters } from "@/lib/carbonmark/retirements/list-public-retirements";
import { ZRetirementPage } from "@/lib/icr/retirement-schemas";
import { config } from "@/lib/config";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

export const dynamic = "force-dynamic";

// /retirements (public): the retirements made on Carbonmark, newest first, from Carbonmark's own
// records; each links to the registry's public certificate. ICR's list has every retirement.
export default async function RetirementsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const parsed = ZRetirementPage.safeParse({ skip: sp.skip ?? undefined, first: sp.first ?? undefined });
  const one = (k: string) => (typeof sp[k] === "string" && sp[k] !== "" ? (sp[k] as string) : undefined);
  const filters = ZPublicRetirementFilters.safeParse({
    beneficiary: one("beneficiary"),
    project: one("project"),
    vintage: one("vintage"),
    from: one("from"),
    to: one("to"),
    after: one("after"),
  });
  if (!parsed.success || !filters.success) {
    const message = (parsed.error ?? filters.error)?.issues[0]?.message;
    return (
      <Shell>
        <Alert tone="danger" title="This page does not exist">
          {message}.{" "}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain links keep next/link out of this signed-out page */}
          <a className="underline" href="/retirements">
            Show the newest retirements
          </a>
        </Alert>
      </Shell>
    );
  }
  const f = filters.data;
  const data = await listPublicRetirements({ page: parsed.data, filters: f });
  const { skip, first } = data.page;
  const query = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const all = { beneficiary: f.beneficiary, project: f.project, vintage: f.vintage, from: f.from, to: f.to };
    for (const [k, v] of Object.entries({ ...all, first: String(first), ...extra })) if (v) params.set(k, v);
    return `/retirements?${params}`;
  };
  const pageHref = (s: number) => query({ skip: String(s) });
  return (
    <Shell>
      <form method="get" action="/retirements" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search">
        <FilterField label="Beneficiary" name="beneficiary" value={f.beneficiary} />
        <FilterField label="Project" name="project" value={f.project} />
        <FilterField label="Vintage" name="vintage" value={f.vintage} />
        <FilterField label="From" name="from" type="date" value={f.from} />
        <FilterField label="To" name="to" type="date" value={f.to} />
        <div className="flex items-end gap-2">
          <button className={buttonClass("primary")}>Search</button>
        </div>
      </form>
      {data.totals.length > 0 && (
        <Card title="Totals per beneficiary">
          <ul className="divide-y divide-slate-100 text-sm" data-testid="beneficiary-totals">
            {data.totals.map((t) => (
              <li key={t.beneficiary} className="flex justify-between gap-4 py-1.5">
                <span className="min-w-0 break-words">{t.beneficiary}</span>
                <span className="whitespace-nowrap tabular-nums">
                  {formatAmount(t.amount)} tCO₂e · {t.count}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card
        title={
          data.retirements.length ? `Newest first · ${skip + 1}–${skip + data.retirements.length}` : "Newest first"
        }
      >
        {data.retirements.length === 0 ? (
          <p className="text-sm text-slate-600">No retirements {skip ? "on this page" : "yet"}.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100">
            {data.retirements.map((r) => (
              <li
                key={r.id}
                className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-4 py-3"
                data-testid="retirement"
              >
                <div className="min-w-0">
                  <p className="font-medium">
                    {formatAmount(r.amount)} tCO₂e · {r.projectName}
                    {r.vintage ? <span className="text-slate-500"> ({r.vintage})</span> : null}
                  </p>
                  <p className="text-sm">
                    {r.beneficiary ? (
                      <>
                        Retired on behalf of <strong>{r.beneficiary}</strong>
                      </>
                    ) : (
                      <span className="text-slate-600">Beneficiary not public yet</span>
                    )}
                    {r.reason ? <span className="text-slate-600"> — {r.reason}</span> : null}
                  </p>
                  {r.serialization && <p className="break-all font-mono text-xs text-slate-500">{r.serialization}</p>}
                  <p className="text-xs text-slate-500">
                    <time dateTime={r.retiredAt}>{formatDateTime(r.retiredAt)}</time>
                  </p>
                </div>
                <div className="flex flex-col items-end gap-2 text-right">
                  <Badge tone="success">Claimed</Badge>
                  <a className="whitespace-nowrap text-sm font-semibold text-brand underline" href={r.certificateUrl}>
                    Certificate (PDF)
                  </a>
                  <a
                    className="whitespace-nowrap text-sm font-semibold text-brand underline"
                    href={r.proofUrl}
                    data-testid="proof-link"
                  >
                    Proof
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <nav className="flex gap-3" aria-label="Pages">
        {(skip > 0 || f.after) && (
          <a className={buttonClass("secondary")} href={query({})}>
            Newest
          </a>
        )}
        {skip > 0 && !f.after && (
          <a className={buttonClass("secondary")} href={pageHref(Math.max(0, skip - first))}>
            Newer
          </a>
        )}
        {data.next && (
          <a className={buttonClass("secondary")} href={query({ after: data.next })}>
            Older
          </a>
        )}
      </nav>
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-3xl font-bold">Retirements</h1>
        <p className="mt-1 text-sm text-slate-600">
          Credits retired on Carbonmark, newest first, each with the certificate the registry issued. Every retirement
          of International Carbon Registry credits, on and off platform, is listed{" "}
          <a className="text-brand underline" href={`${config().ICR_WEB_URL}/retirements`}>
            on the International Carbon Registry
          </a>
          .
        </p>
      </div>
      {children}
    </div>
  );
}
