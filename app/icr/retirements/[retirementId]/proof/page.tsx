import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatAmount } from "@/lib/amount-format";
import { fromBaseUnits } from "@/lib/amount-units";
import type { TRetirementVerdict } from "@/lib/proof/retirement-verdict";
import { proofStatusKey } from "@/lib/registry/retirements/proof-status";
import { loadRetirementProof, type TChainHalf, type TProofRecord } from "@/lib/registry/retirements/retirement-proof";
import { formatDateTime } from "@/lib/format-date-time";
import { ProofWatch } from "./proof-watch";

// /icr/retirements/{id}/proof: the public proof of a retirement (docs/proof.md). No sign-in, no
// token: the registry's own row beside what the chain says, and one verdict. The logic is in
// lib/registry/retirements/retirement-proof.ts; this page only shows it.

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: "Proof of retirement · ICR" };
}

export default async function ProofPage({ params }: { params: Promise<{ retirementId: string }> }) {
  const { retirementId } = await params;
  const proof = await loadRetirementProof(retirementId);
  if (proof.status === "not_found") notFound();
  const statusUrl = `/icr/retirements/${encodeURIComponent(retirementId)}/proof/status`;
  const key = proofStatusKey(
    proof.status === "checked"
      ? { status: "checked", verdict: proof.verdict.verdict }
      : { status: "unreadable", unreadable: proof.unreadable },
  );
  const mayChange = proof.status !== "checked" || proof.verdict.verdict === "pending";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Proof of retirement</h1>
        <p className="mt-1 text-sm text-slate-600">
          What the chain says about this retirement, beside the registry&apos;s record of it, checked each time this
          page is opened. Anyone can open this page: it needs no account.
        </p>
      </div>
      {mayChange && <ProofWatch statusUrl={statusUrl} current={key} />}
      {proof.status === "unreadable" ? (
        <Unreadable which={proof.unreadable} />
      ) : (
        <VerdictBanner verdict={proof.verdict} />
      )}
      {proof.status !== "unreadable" || proof.unreadable === "chain" ? (
        <div className="grid gap-4 md:grid-cols-2">
          {proof.status === "checked" ? (
            <ChainCard chain={proof.chain} />
          ) : (
            <Card title="On chain">
              <p className="text-sm text-slate-600">The chain cannot be read right now.</p>
            </Card>
          )}
          <RecordCard record={proof.record} />
        </div>
      ) : null}
      {proof.status === "checked" && proof.verdict.verdict !== "mismatch" && proof.verdict.notes.length > 0 && (
        <Card title="Notes">
          <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="proof-notes">
            {proof.verdict.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function Unreadable({ which }: { which: "chain" | "database" }) {
  return (
    <div data-testid="proof-verdict" data-verdict="none" data-unreadable={which}>
      <Alert
        tone="danger"
        title={which === "chain" ? "The chain cannot be read" : "The registry's database cannot be read"}
      >
        {which === "chain"
          ? "The registry's record is shown below, but without the chain nothing can be checked, so no verdict is given. Try again in a moment."
          : "Without the registry's record nothing can be checked, so no verdict is given. Try again in a moment."}
      </Alert>
    </div>
  );
}

function VerdictBanner({ verdict }: { verdict: TRetirementVerdict }) {
  return (
    <div data-testid="proof-verdict" data-verdict={verdict.verdict}>
      {verdict.verdict === "verified" && (
        <Alert tone="success" title="Verified">
          The chain and the registry agree: the burn happened in this contract, for this token, account and amount, the
          transaction is final and the registry has finalized the details.
          {verdict.detailsBound
            ? " The details are bound to the burn by their commitment on chain."
            : " The details were not bound on chain (see the notes)."}
        </Alert>
      )}
      {verdict.verdict === "pending" && (
        <Alert tone="warning" title="Pending">
          <p>Nothing disagrees so far. Waiting for:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="proof-waiting">
            {verdict.waitingFor.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="mt-1">This page updates itself.</p>
        </Alert>
      )}
      {verdict.verdict === "mismatch" && (
        <Alert tone="danger" title="Mismatch">
          <p>The registry&apos;s record and the chain disagree on:</p>
          <ul className="mt-2 flex flex-col gap-2" data-testid="proof-mismatch">
            {verdict.fields.map((f) => (
              <li key={f.field} data-field={f.field}>
                <span className="font-semibold capitalize">{f.field}</span>
                <dl className="mt-0.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 text-xs">
                  <dt>Chain</dt>
                  <dd className="break-all font-mono">{f.chain}</dd>
                  <dt>Registry</dt>
                  <dd className="break-all font-mono">{f.record}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

function Rows({ rows, testId }: { rows: [string, React.ReactNode][]; testId: string }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const Mono = ({ children }: { children: React.ReactNode }) => (
  <span className="break-all font-mono text-xs">{children}</span>
);

function ChainCard({ chain }: { chain: TChainHalf }) {
  if (!chain.found)
    return (
      <Card title="On chain">
        <p className="text-sm text-slate-700">
          {chain.why === "no_receipt"
            ? "The chain has no such transaction."
            : chain.why === "reverted"
              ? "The transaction reverted: nothing was burned."
              : "The transaction has no Retired event of the registry's contract."}
        </p>
      </Card>
    );
  return (
    <Card title="On chain">
      <Rows
        testId="proof-chain"
        rows={[
          ["Transaction", <Mono key="t">{chain.txHash}</Mono>],
          ["Block", <span key="b">{chain.blockNumber}</span>],
          [
            "Finality",
            <span key="f" data-testid="proof-final">
              {chain.final ? "Final" : "Not final yet"} <span className="text-slate-500">({chain.finalityNote})</span>
            </span>,
          ],
          ["Contract", <Mono key="c">{chain.contract}</Mono>],
          ["Event", `Retired (log ${chain.logIndex})`],
          ["Token id", chain.tokenId],
          ["Account", <Mono key="a">{chain.account}</Mono>],
          ["Amount", `${formatAmount(fromBaseUnits(chain.units))} tCO₂e`],
          ["Details commitment", chain.commitment ? <Mono key="d">{chain.commitment}</Mono> : "None bound"],
        ]}
      />
    </Card>
  );
}

function RecordCard({ record }: { record: TProofRecord }) {
  return (
    <Card title="Registry's record">
      <Rows
        testId="proof-record"
        rows={[
          ["Retirement", <Mono key="i">{record.id}</Mono>],
          ["Project", record.projectName],
          ["Serialization", <Mono key="s">{record.serialization}</Mono>],
          ["Vintage", record.vintage],
          ["Transaction", <Mono key="t">{record.txId}</Mono>],
          ["Contract", <Mono key="c">{record.contract}</Mono>],
          ["Token id", record.tokenId],
          ["Account", <Mono key="a">{record.account}</Mono>],
          ["Amount", `${formatAmount(record.amount)} tCO₂e`],
          [
            "Beneficiary",
            record.beneficiaryHiddenUntil ? (
              <span key="b" className="text-slate-600">
                Hidden by the retiree until {formatDateTime(record.beneficiaryHiddenUntil)}
              </span>
            ) : (
              (record.beneficiary ?? "Not finalized yet")
            ),
          ],
          ["Reason", record.reason ?? "—"],
          [
            "Retired",
            <time key="r" dateTime={record.retiredAt}>
              {formatDateTime(record.retiredAt)}
            </time>,
          ],
          [
            "Details",
            record.isClaimed && record.claimedAt
              ? `Finalized ${formatDateTime(record.claimedAt)}`
              : "Not finalized yet",
          ],
          [
            "Certificate",
            record.isClaimed ? (
              <a key="p" className="text-icr underline" href={`/icr/retirements/${record.id}/certificate`}>
                Certificate (PDF)
              </a>
            ) : (
              "After the details are finalized"
            ),
          ],
        ]}
      />
    </Card>
  );
}
