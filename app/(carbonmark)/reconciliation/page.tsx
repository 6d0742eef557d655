import { Card } from "@/components/ui/card";
import { ReconciliationAsset } from "@/components/ui/reconciliation-asset";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { GAP_REASONS, reconcileUser } from "@/lib/carbonmark/reconciliation/reconcile-user";

export const dynamic = "force-dynamic";

// /reconciliation: per asset, the chain, Carbonmark's ledger and ICR's view, each difference explained.
export default async function ReconciliationPage() {
  const user = await requireUser("/reconciliation");
  const r = await reconcileUser(user.id);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-3xl font-bold">Reconciliation</h1>
        <p className="mt-1 text-sm text-slate-600">
          Three views of your credits that must agree: the <strong>chain</strong> (your wallet&apos;s balance at block{" "}
          {r.indexedBlock ?? "—"}), Carbonmark&apos;s <strong>ledger</strong> (imports that arrived, minus exports and
          retirements) and <strong>ICR</strong> (your import requests ICR has processed). Every difference is listed
          with its reason. Transactions are final at block {r.finalBlock < 0 ? "—" : r.finalBlock} and below.
        </p>
      </div>
      {r.icrUnavailable && (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          data-testid="icr-unavailable"
        >
          {r.icrUnavailable}
        </p>
      )}
      {r.unexplained > 0 && (
        <p className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900" role="alert">
          {r.unexplained} difference{r.unexplained === 1 ? "" : "s"} nothing explains. Our operators have been told;
          nothing was changed in your account.
        </p>
      )}
      {r.assets.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600" data-testid="nothing-to-reconcile">
            Nothing to reconcile yet: no credits in your wallet and no imports, exports or retirements.
          </p>
        </Card>
      ) : (
        r.assets.map((a) => (
          <ReconciliationAsset
            key={a.creditId}
            title={a.projectName}
            reference={<span className="font-mono">{a.creditId}</span>}
            agrees={a.agrees}
            views={[
              { label: "Chain", value: a.chain },
              { label: "Ledger", value: a.ledger },
              { label: "ICR", value: a.icr },
            ]}
            differences={a.differences}
            reasons={GAP_REASONS}
          />
        ))
      )}
    </div>
  );
}
