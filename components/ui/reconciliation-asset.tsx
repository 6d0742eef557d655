import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import { GAP_TONE, type TDifference, type TGapReason } from "@/lib/reconciliation/gap";

/** One view of an asset: its name, a signed decimal (null: this view cannot be read) and an optional line below. */
export type TReconciliationView = { label: string; value: string | null; note?: ReactNode };

/** A signed decimal as the page shows it: a true minus sign below zero. */
const signedAmount = (s: string) => (s.startsWith("-") ? `−${formatAmount(s.slice(1))}` : formatAmount(s));

/**
 * One asset of a reconciliation (Carbonmark's for a user, the registry's for an organization): its
 * views side by side and every difference with its reason, each side naming its views and reasons.
 */
export function ReconciliationAsset(props: {
  title: string;
  reference: ReactNode;
  agrees: boolean;
  views: TReconciliationView[];
  differences: TDifference[];
  reasons: Record<TGapReason, { label: string; help: string }>;
}) {
  const { agrees, differences, reasons } = props;
  return (
    <Card
      title={props.title}
      actions={
        <Badge tone={agrees ? "success" : differences.some((d) => d.reason === "unexplained") ? "danger" : "warning"}>
          {agrees ? "Agrees" : "Differences explained below"}
        </Badge>
      }
    >
      <div data-testid="recon-asset" data-agrees={agrees}>
        <p className="break-all text-xs text-slate-500">{props.reference}</p>
        <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
          {props.views.map((v) => (
            <div key={v.label} className="rounded-md bg-slate-50 px-3 py-2">
              <dt className="text-xs uppercase tracking-wide text-slate-500">{v.label}</dt>
              <dd className="font-semibold" data-testid={`recon-${v.label.toLowerCase()}`}>
                {v.value === null ? "—" : `${signedAmount(v.value)} t`}
              </dd>
              {v.note && <dd className="text-xs text-slate-500">{v.note}</dd>}
            </div>
          ))}
        </dl>
        {differences.length > 0 && (
          <ul className="mt-3 flex flex-col divide-y divide-slate-100 text-sm">
            {differences.map((d, i) => (
              <li key={i} className="flex flex-col gap-1 py-2" data-testid="recon-difference" data-reason={d.reason}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Badge tone={GAP_TONE[d.reason]}>{reasons[d.reason].label}</Badge>
                  <span className="font-medium">
                    {d.direction === "in" ? "+" : "−"}
                    {formatAmount(d.amount)} tCO₂e
                  </span>
                </div>
                <p className="break-words text-slate-700">{d.detail}</p>
                <p className="text-xs text-slate-500">{reasons[d.reason].help}</p>
                {(d.txHash || d.icrRequestId) && (
                  <p className="break-all font-mono text-xs text-slate-500">
                    {[d.icrRequestId && `request ${d.icrRequestId}`, d.txHash && `tx ${d.txHash}`]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
