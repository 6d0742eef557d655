import Link from "next/link";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount";
import { prisma } from "@/lib/db";
import { listRetirements } from "@/lib/registry/retirements/list-retirements";
import { formatDate } from "@/lib/registry/web/format";

const ZQuery = z.object({
  skip: z.coerce.number().int().min(0).catch(0),
  first: z.coerce.number().int().min(1).max(100).catch(20),
});

// /icr/retirements: every retirement, newest first, public. Unclaimed on-chain ones show only amount and project.
export default async function RetirementsPage({ searchParams }: { searchParams: Promise<{ skip?: string; first?: string }> }) {
  const { skip, first } = ZQuery.parse(await searchParams);
  const [{ retirements }, total] = await Promise.all([listRetirements({ skip, first }), prisma.icrRetirement.count()]);
  const href = (s: number) => `/icr/retirements?skip=${s}&first=${first}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Retirements</h1>
        <p className="mt-1 text-sm text-slate-600">Every retirement of ICR credits, on and off platform, newest first. On-chain retirements show their beneficiary once the retiree claims them.</p>
      </div>
      <Card>
        {retirements.length === 0 ? (
          <p className="text-sm text-slate-600">No retirements yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {retirements.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-4 py-4" data-testid="retirement" data-claimed={r.isClaimed}>
                <div className="flex flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold">{formatAmount(String(r.amount))} tCO₂e</span>
                    <span className="text-slate-700">{r.project.fullName}</span>
                    {r.isClaimed ? <Badge tone="success">claimed</Badge> : <Badge tone="neutral">awaiting claim</Badge>}
                  </div>
                  {"beneficiary" in r && r.beneficiary && <div className="text-sm">Beneficiary: <span className="font-medium">{r.beneficiary}</span></div>}
                  {"serialization" in r && <div className="font-mono text-xs text-slate-600">{r.serialization} · vintage {r.vintage}</div>}
                  {"reason" in r && r.reason && <div className="text-sm text-slate-600">Reason: {r.reason}</div>}
                  <div className="text-xs text-slate-500">{formatDate(r.createdAt)}</div>
                </div>
                {r.isClaimed && (
                  <a className="text-sm font-medium text-icr hover:underline" href={`/icr/retirements/${r.id}/certificate`}>
                    Certificate (PDF)
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Retirement pages" className="mt-4 flex items-center justify-between text-sm">
          <span className="text-slate-500">
            {total === 0 ? "" : `${Math.min(skip + 1, total)}–${Math.min(skip + first, total)} of ${total}`}
          </span>
          <span className="flex gap-3">
            {skip > 0 && <Link className="text-icr hover:underline" href={href(Math.max(0, skip - first))}>← Newer</Link>}
            {skip + first < total && <Link className="text-icr hover:underline" href={href(skip + first)}>Older →</Link>}
          </span>
        </nav>
      </Card>
    </div>
  );
}
