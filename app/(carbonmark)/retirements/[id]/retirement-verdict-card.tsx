import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { TCmRetirementVerdict } from "@/lib/carbonmark/retirements/retirement-verdict";

const LABEL = { verified: "Verified", pending: "Pending", mismatch: "Mismatch" } as const;
const TONE = { verified: "success", pending: "warning", mismatch: "danger" } as const;

/** Carbonmark's own check of the retirement against the chain, with the registry's public proof beside it. */
export function RetirementVerdictCard({ verdict, proofUrl }: { verdict: TCmRetirementVerdict; proofUrl?: string }) {
  return (
    <Card title="Proof">
      <div className="flex flex-col gap-2 text-sm" data-testid="cm-verdict" data-verdict={verdictKey(verdict)}>
        {verdict.status === "not_sent" && <p className="text-slate-600">Nothing was sent to the chain yet.</p>}
        {verdict.status === "unreadable" && (
          <p className="text-red-800">The chain cannot be read right now, so no verdict is given.</p>
        )}
        {verdict.status === "checked" && (
          <>
            <p>
              <Badge tone={TONE[verdict.verdict.verdict]}>{LABEL[verdict.verdict.verdict]}</Badge>{" "}
              <span className="text-slate-600">Carbonmark&apos;s record checked against the chain.</span>
            </p>
            {verdict.verdict.verdict === "pending" && (
              <ul className="list-disc pl-5 text-slate-700">
                {verdict.verdict.waitingFor.map((w) => (
                  <li key={w}>Waiting for {w}</li>
                ))}
              </ul>
            )}
            {verdict.verdict.verdict === "mismatch" && (
              <ul className="list-disc pl-5 text-red-800">
                {verdict.verdict.fields.map((f) => (
                  <li key={f.field} className="break-all">
                    {f.field}: chain {f.chain}, Carbonmark {f.record}
                  </li>
                ))}
              </ul>
            )}
            {verdict.verdict.verdict !== "mismatch" &&
              verdict.verdict.notes.map((n) => (
                <p key={n} className="text-xs text-slate-500">
                  {n}
                </p>
              ))}
          </>
        )}
        {proofUrl && (
          <a className="font-medium text-brand underline" href={proofUrl} data-testid="icr-proof-link">
            Public proof on the registry
          </a>
        )}
      </div>
    </Card>
  );
}

function verdictKey(v: TCmRetirementVerdict): string {
  return v.status === "checked" ? v.verdict.verdict : v.status;
}
