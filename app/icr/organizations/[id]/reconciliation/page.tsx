import { Card } from "@/components/ui/card";
import { ReconciliationAsset } from "@/components/ui/reconciliation-asset";
import { formatAmount } from "@/lib/amount-format";
import { ORG_GAP_REASONS, reconcileOrganization } from "@/lib/registry/reconciliation/reconcile-organization";
import { requireOrgMember } from "@/lib/registry/web/require-org-member";

export const dynamic = "force-dynamic";

// /icr/organizations/{id}/reconciliation: per credit, the inventory, the chain and the registry's ledger, each
// difference explained. Admins of the organization only (others: 404, or a note for members).
export default async function OrganizationReconciliationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, isAdmin } = await requireOrgMember(id, `/icr/organizations/${id}/reconciliation`);
  if (!isAdmin)
    return (
      <Card title="Reconciliation">
        <p className="text-sm text-slate-600" data-testid="admins-only">
          Only admins of the organization can see its reconciliation.
        </p>
      </Card>
    );
  const r = await reconcileOrganization({ organizationId: id, userId: user.id });
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-600">
        Three views of the organization&apos;s credits that must agree: the <strong>inventory</strong> (what is
        available now: balances at block {r.headBlock} minus what requests reserve), the <strong>chain</strong>{" "}
        (balances of the organization&apos;s addresses at the final block, {r.finalBlock < 0 ? "—" : r.finalBlock}) and
        the registry&apos;s <strong>ledger</strong> (credits received, minus processed transfers and retirements). Every
        difference is listed with its reason.
      </p>
      {r.unexplained > 0 && (
        <p className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900" role="alert">
          {r.unexplained} difference{r.unexplained === 1 ? "" : "s"} nothing explains. The operator has been told;
          nothing was changed.
        </p>
      )}
      {r.assets.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600" data-testid="nothing-to-reconcile">
            Nothing to reconcile yet: the organization holds no credits and has no requests.
          </p>
        </Card>
      ) : (
        r.assets.map((a) => (
          <ReconciliationAsset
            key={a.creditId}
            title={a.projectName}
            reference={
              <>
                {a.serialization && <span className="font-medium text-slate-700">{a.serialization} · </span>}
                <span className="font-mono">{a.creditId}</span>
              </>
            }
            agrees={a.agrees}
            views={[
              {
                label: "Inventory",
                value: a.inventory.available,
                note: `held ${formatAmount(a.inventory.amount)}, reserved ${formatAmount(a.inventory.reserved)}`,
              },
              { label: "Chain", value: a.chain },
              { label: "Ledger", value: a.ledger },
            ]}
            differences={a.differences}
            reasons={ORG_GAP_REASONS}
          />
        ))
      )}
    </div>
  );
}
