import { fromBaseUnits, toBaseUnits } from "@/lib/amount";
import { retirementRows } from "@/lib/carbonmark/statements/retirements-statement";
import {
  periodInOrder,
  ZStatementPeriodFields,
  PERIOD_ORDER_ISSUE,
} from "@/lib/carbonmark/statements/statement-period";
import { z } from "zod";

export const ZRetirementReportRequest = z.object(ZStatementPeriodFields).refine(periodInOrder, PERIOD_ORDER_ISSUE);

export type TReportRetirement = {
  date: string;
  amount: string;
  icrRetirementId: string | null;
  proofUrl: string | null;
};
export type TReportGroup = {
  projectName: string;
  vintage: string;
  beneficiary: string;
  tonnes: string;
  retirements: TReportRetirement[];
};
export type TRetirementReport = {
  from: string | null;
  to: string | null;
  total: string;
  count: number;
  groups: TReportGroup[];
  /** Retired tonnes per bucket (a month, or a day for periods of two months or less), oldest first, no gaps. */
  series: { label: string; tonnes: string }[];
};

/**
 * The figures of a retirement report for a period: totals by project, vintage and beneficiary, each
 * retirement with its proof link, and the tonnes retired over time. Read through the retirements
 * statement (keyset pages), summed in base units: exact.
 */
export async function retirementReport(opts: {
  userId: string;
  from?: string;
  to?: string;
}): Promise<TRetirementReport> {
  const groups = new Map<string, { g: Omit<TReportGroup, "tonnes">; units: bigint }>();
  const byDay = new Map<string, bigint>();
  let total = 0n;
  let count = 0;
  for await (const r of retirementRows(opts)) {
    const units = toBaseUnits(r.amount_tco2e!);
    const key = JSON.stringify([r.project, r.vintage, r.beneficiary]);
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        g: {
          projectName: r.project ?? "",
          vintage: r.vintage ?? "",
          beneficiary: r.beneficiary ?? "",
          retirements: [],
        },
        units: 0n,
      };
      groups.set(key, entry);
    }
    entry.units += units;
    entry.g.retirements.push({
      date: r.date!,
      amount: r.amount_tco2e!,
      icrRetirementId: r.icr_retirement_id,
      proofUrl: r.proof_url,
    });
    const day = r.date!.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0n) + units);
    total += units;
    count++;
  }
  return {
    from: opts.from ?? null,
    to: opts.to ?? null,
    total: fromBaseUnits(total),
    count,
    groups: [...groups.values()]
      .map(({ g, units }) => ({ ...g, tonnes: fromBaseUnits(units) }))
      .sort(
        (a, b) =>
          a.projectName.localeCompare(b.projectName) ||
          a.vintage.localeCompare(b.vintage) ||
          a.beneficiary.localeCompare(b.beneficiary),
      ),
    series: buckets(byDay, opts.from, opts.to),
  };
}

function buckets(byDay: Map<string, bigint>, from?: string, to?: string): { label: string; tonnes: string }[] {
  const days = [...byDay.keys()].sort();
  const first = from ?? days[0];
  const last = to ?? days[days.length - 1];
  if (!first || !last) return [];
  const start = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  const daily = end.getTime() - start.getTime() <= 62 * 86_400_000;
  const label = (d: string) => (daily ? d : d.slice(0, 7));
  const sums = new Map<string, bigint>();
  for (const [d, u] of byDay) sums.set(label(d), (sums.get(label(d)) ?? 0n) + u);
  const out: { label: string; tonnes: string }[] = [];
  const cursor = new Date(start);
  if (!daily) cursor.setUTCDate(1);
  while (cursor <= end) {
    const l = label(cursor.toISOString().slice(0, 10));
    out.push({ label: l, tonnes: fromBaseUnits(sums.get(l) ?? 0n) });
    if (daily) cursor.setUTCDate(cursor.getUTCDate() + 1);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return out;
}
