import { TxHash } from "@/components/carbonmark/tx-hash";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import { listActivity, type TActivityKind } from "@/lib/carbonmark/activity/list-activity";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { formatDateTime } from "@/lib/format-date-time";
import { config } from "@/lib/config";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";

export const dynamic = "force-dynamic";

const KIND_LABEL: Record<TActivityKind, string> = {
  import: "Import from ICR",
  export: "Export to ICR",
  retirement: "Retirement",
};

// /activity: the signed-in user's imports, exports and retirements, newest first.
export default async function ActivityPage() {
  const user = await requireUser("/activity");
  const activity = await listActivity({ userId: user.id });
  const { CHAIN_EXPLORER_URL: explorerUrl, ICR_WEB_URL: icrWebUrl } = config();
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-3xl font-bold">Activity</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your imports, exports and retirements, newest first. Times are in UTC.
        </p>
        <p className="mt-2 flex flex-wrap gap-2">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a file download, not a page */}
          <a
            className={buttonClass("secondary")}
            href="/api/carbonmark/statements/activity?format=csv"
            data-testid="activity-csv"
          >
            Download CSV
          </a>
          <a className={buttonClass("ghost")} href="/statements">
            All statements and reports
          </a>
          <a className={buttonClass("ghost")} href="/reconciliation">
            Reconciliation
          </a>
        </p>
      </div>
      <Card>
        {activity.length === 0 ? (
          <div className="flex flex-col items-start gap-3 text-sm text-slate-600" data-testid="no-activity">
            <p>Nothing yet. Imports, exports and retirements appear here as soon as you start them.</p>
            <a className={buttonClass("primary")} href="/import">
              Import carbon credits
            </a>
          </div>
        ) : (
          <ol className="flex flex-col divide-y divide-slate-100">
            {activity.map((a) => (
              <li
                key={`${a.kind}-${a.id}`}
                className="flex flex-col gap-1 py-3"
                data-testid="activity"
                data-kind={a.kind}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {KIND_LABEL[a.kind]} · {formatAmount(a.amount)} tCO₂e
                  </span>
                  <span data-testid="activity-state">
                    <Badge tone={a.tone}>{a.stateLabel}</Badge>
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  {a.href ? (
                    <a className="underline-offset-2 hover:underline" href={a.href}>
                      {a.projectName}
                    </a>
                  ) : (
                    a.projectName
                  )}
                  {a.serialization !== "—" && (
                    <span className="ml-2 break-all font-mono text-xs text-slate-500">{a.serialization}</span>
                  )}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={a.at} data-testid="activity-time">
                    {formatDateTime(a.at)}
                  </time>
                  {a.detail && <span className="break-all"> · {a.detail}</span>}
                </p>
                {a.txHash && <TxHash hash={a.txHash} explorerUrl={explorerUrl} />}
                {a.icrRetirementId && (
                  <p className="flex flex-wrap gap-x-4 text-xs">
                    <a className="text-icr underline" href={`${icrWebUrl}/retirements?id=${a.icrRetirementId}`}>
                      ICR retirement
                    </a>
                    <a className="text-icr underline" href={icrCertificateUrl(a.icrRetirementId)}>
                      ICR certificate (PDF)
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
