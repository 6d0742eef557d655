// Plain links: next/link would add to /portfolio's first-load JavaScript (see docs/carbonmark.md).
/* eslint-disable @next/next/no-html-link-for-pages */
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import { listMyRetirements } from "@/lib/carbonmark/retirements/list-my-retirements";

/** The user's own retirements on the portfolio, each linking to its page (certificate or "awaiting certificate"). */
export async function MyRetirements({ userId }: { userId: string }) {
  const retirements = await listMyRetirements({ userId, take: 20 });
  if (retirements.length === 0) return null;
  return (
    <Card
      title="Your retirements"
      actions={
        <a className="text-xs text-slate-600 underline" href="/retirements">
          All ICR retirements
        </a>
      }
    >
      <ul className="flex flex-col divide-y divide-slate-100">
        {retirements.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="my-retirement">
            <div>
              <a href={`/retirements/${r.id}`} className="font-medium underline-offset-2 hover:underline">
                {formatAmount(r.amount)} × {r.projectName} <span className="text-slate-500">({r.vintage})</span>
              </a>
              <p className="text-xs text-slate-600">For {r.beneficiary}</p>
            </div>
            <span className="flex items-center gap-3">
              {r.proofUrl && (
                <a className="text-xs text-brand underline" href={r.proofUrl}>
                  Proof
                </a>
              )}
              <span data-testid="my-retirement-stage">
                <Badge tone={r.tone}>{r.stageLabel}</Badge>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
