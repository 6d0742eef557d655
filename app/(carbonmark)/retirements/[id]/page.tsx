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
import { formatDateTime } from "@/lib/format-date-time";
import { listMyRetirements } from "@/lib/carbonmark/retirements/list-my-retirements";
import { config } from "@/lib/config";
import { icrCertificateUrl } from "@/lib/carbonmark/retirements/icr-certificate-url";
import { passkeyConfirmState } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { icrProofUrl } from "@/lib/carbonmark/retirements/icr-proof-url";
import { myRetirementVerdict } from "@/lib/carbonmark/retirements/retirement-verdict";
import { RETIREMENT_STAGES, retirementPageStage } from "@/lib/carbonmark/retirements/retirement-status";
import { FinishRetirementForm } from "./finish-retirement-form";
import { RetirementVerdictCard } from "./retirement-verdict-card";
import { RegistrySignature } from "./registry-signature";
import { RefreshWhileConfirming } from "./refresh-while-confirming";

export const dynamic = "force-dynamic";

export default async function RetirementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, wallet } = await requireUserWithWallet(`/retirements/${encodeURIComponent(id)}`);
  const parsed = z.uuid().safeParse(id);
  const [r] = parsed.success ? await listMyRetirements({ userId: user.id, id: parsed.data }) : [];
  if (!r) notFound();
  const verdict = await myRetirementVerdict({ userId: user.id, id: r.id, walletAddress: wallet.address });
  // ICR has the certificate only once the burn is final on chain: until then the page says it is confirming.
  const stage = retirementPageStage(r.stage, verdict);

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
          <a className="text-xs text-icr underline" href={icrProofUrl(r.icrRetirementId)}>
            Proof on ICR
          </a>
        </span>
      ) : (
        "—"
      ),
    ],
  ];
  if (r.icrRetirementId)
    rows.push([
      "Registry signature",
      <RegistrySignature key="sig" icrRetirementId={r.icrRetirementId} txHash={r.txHash} />,
    ]);

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Retirement</h1>
        <span data-testid="retirement-stage">
          <Badge tone={RETIREMENT_STAGES[stage].tone}>{RETIREMENT_STAGES[stage].label}</Badge>
        </span>
      </div>
      {stage === "confirming" && (
        <Alert tone="info" title="Retired, confirming on chain">
          {formatAmount(r.amount)} tCO₂e were retired on behalf of {r.beneficiary}. The International Carbon Registry
          issues the signed certificate once the transaction is final on chain, usually within a minute.
          <RefreshWhileConfirming intervalMs={Math.max(config().POLL_INTERVAL_MS, 2_000)} />
        </Alert>
      )}
      {stage === "certified" && (
        <Alert tone="success" title="Retired">
          {formatAmount(r.amount)} tCO₂e were retired on behalf of {r.beneficiary}. The certificate is issued by the
          International Carbon Registry.
        </Alert>
      )}
      {stage === "awaiting_certificate" && (
        <Alert tone="warning" title="Awaiting certificate">
          The credits are retired on chain; the certificate is not finalized on ICR yet.{" "}
          {r.lastError && <span data-testid="retirement-error">{r.lastError}</span>}
        </Alert>
      )}
      {stage === "retiring" && (
        <Alert tone="info" title="Retiring on chain">
          The retirement has been sent and is waiting for the chain. {r.lastError}
        </Alert>
      )}
      {stage === "failed" && (
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

      {verdict && (
        <RetirementVerdictCard
          verdict={verdict}
          proofUrl={r.icrRetirementId ? icrProofUrl(r.icrRetirementId) : undefined}
        />
      )}

      <div className="flex flex-wrap gap-3">
        {stage === "certified" && (
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
