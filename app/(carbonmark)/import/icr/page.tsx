import { ConnectStep } from "@/app/(carbonmark)/connect/icr/connect-step";
import { icrStepFailure } from "@/app/(carbonmark)/connect/icr/icr-step-failure";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getConnection } from "@/lib/carbonmark/connection/get-connection";
import { listOrgInventory } from "@/lib/carbonmark/imports/list-org-inventory";
import { config } from "@/lib/config";
import { ImportForm } from "./import-form";

const IMPORT_CONNECT_TEXT = (
  <>
    Connect your ICR organization by installing the Carbonmark app on it. The app can read your inventory and{" "}
    <em>request</em> transfers; it can never move credits on its own. An administrator of your organization accepts each
    request on ICR.
  </>
);

export const dynamic = "force-dynamic";

export default async function ImportIcrPage() {
  const { user, wallet } = await requireUserWithWallet("/import/icr");
  const connection = await getConnection({ userId: user.id });
  if (!connection)
    return (
      <ConnectStep title="Import carbon credits" returnTo="/import/icr">
        {IMPORT_CONNECT_TEXT}
      </ConnectStep>
    );

  let inventory;
  try {
    inventory = await listOrgInventory({ userId: user.id });
  } catch (err) {
    return icrStepFailure(err, {
      title: "Import carbon credits",
      returnTo: "/import/icr",
      connectText: IMPORT_CONNECT_TEXT,
      unavailable:
        "We could not load your organization's inventory from ICR. Nothing was changed; try again in a minute.",
      refused: "ICR refused to show the inventory",
      shell: (children) => <Shell>{children}</Shell>,
    });
  }
  return (
    <Shell>
      <p className="text-sm text-slate-600">
        Connected to <strong data-testid="org-name">{inventory.organizationName}</strong>. Select an asset and a
        quantity to request from ICR. An administrator of your ICR organization must accept the request before the
        credits move.
      </p>
      <ImportForm
        credits={inventory.credits}
        walletAddress={wallet.address}
        inventoryUrl={`${config().ICR_WEB_URL}/organizations/${inventory.organizationId}/inventory`}
      />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">Import credits</h1>
      {children}
    </div>
  );
}
