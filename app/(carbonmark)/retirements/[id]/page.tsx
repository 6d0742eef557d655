import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { TxHash } from "@/components/carbonmark/tx-hash";
import { formatDateTime } from "@/lib/carbonmark/format-date-time";
import { listMyRetirements } from "@/lib/carbonmark/retirements/list-my-retirements";
import { config } from "@/lib/config";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";
import { passkeyConfirmState } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { FinishRetirementForm } from "./finish-retirement-form";

export const dynamic = "force-dynamic";

export default async function RetirementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user } = await requireUserWithWallet(`/retirements/${encodeURIComponent(id)}`);
  const parsed = z.uuid().safeParse(id);
  const [r] = parsed.success ? await listMyRetirements({ userId: user.id, id: parsed.data }) : [];
  if (!r) notFound();

  const { ICR_WEB_URL: icrWebUrl, CHAIN_EXPLORER_URL: explorerUrl } = config();
  const rows: [string, React.ReactNode][] = [
    [
      "Amount",
      <span key="a" data-testid="retirement-amount">
        {formatAmount(r.amount)} tCO₂e
      </span>,
    ],
    ["Project", r.projectName],
    ["Vintage", r.vintage],
    [
      "Serialization",
      <span key="s" className="font-mono text-xs">
        {r.serialization}
      </span>,
    ],
    [
      "Beneficiary",
      <span key="b" data-testid="retirement-beneficiary">
        {r.beneficiary}
      </span>,
    ],
    ["Reason", r.reason || "—"],
    ["Comment", r.comment || "—"],
    [
      "Date",
      <time key="d" dateTime={r.createdAt}>
        {formatDateTime(r.createdAt)}
      </time>,
    ],
    ["Transaction", r.txHash ? <TxHash key="t" hash={r.txHash} explorerUrl={explorerUrl} /> : "—"],
    [
      "ICR retirement",
      r.icrRetirementId ? (
        <span key="i" className="flex flex-col gap-1">
          <a
            className="break-all font-mono text-xs text-icr underline"
            href={`${icrWebUrl}/retirements?id=${r.icrRetirementId}`}
            data-testid="icr-retirement-link"
          >
            {r.icrRetirementId}
          </a>
          <a
            className="text-xs text-icr underline"
            href={icrCertificateUrl(r.icrRetirementId)}
            data-testid="icr-certificate-link"
          >
            Certificate on ICR (PDF)
          </a>
        </span>
      ) : (
        "—"
      ),
    ],
  ];

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Retirement</h1>
        <span data-testid="retirement-stage">
          <Badge tone={r.tone}>{r.stageLabel}</Badge>
        </span>
      </div>
      {r.stage === "certified" && (
        <Alert tone="success" title="Retired">
          {formatAmount(r.amount)} tCO₂e were retired on behalf of {r.beneficiary}. The certificate is issued by the
          International Carbon Registry.
        </Alert>
      )}
      {r.stage === "awaiting_certificate" && (
        <Alert tone="warning" title="Awaiting certificate">
          The credits are retired on chain; the certificate is not finalized on ICR yet.{" "}
          {r.lastError && <span data-testid="retirement-error">{r.lastError}</span>}
        </Alert>
      )}
      {r.stage === "retiring" && (
        <Alert tone="info" title="Retiring on chain">
          The retirement has been sent and is waiting for the chain. {r.lastError}
        </Alert>
      )}
      {r.stage === "failed" && (
        <Alert tone="danger" title="The retirement failed">
          {r.lastError ?? "Nothing was retired."}
        </Alert>
      )}

      <Card title="Details">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <div className="flex flex-wrap gap-3">
        {r.stage === "certified" && (
          <a className={buttonClass("primary")} href={`/api/carbonmark/retirements/${r.id}/certificate`} download>
            Download certificate
          </a>
        )}
        <Link className={buttonClass("secondary")} href="/portfolio">
          Back to portfolio
        </Link>
      </div>
      {(r.stage === "awaiting_certificate" || r.stage === "retiring") && (
        <FinishRetirementForm retirementId={r.id} stage={r.stage} passkeyState={await passkeyConfirmState(user.id)} />
      )}
    </div>
  );
}
