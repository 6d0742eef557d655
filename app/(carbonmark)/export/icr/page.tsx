import { ConnectStep } from "@/app/(carbonmark)/connect/icr/connect-step";
import { icrStepFailure } from "@/app/(carbonmark)/connect/icr/icr-step-failure";
import { ForgotPinLink } from "@/components/carbonmark/pin-field";
import { TransferHoldNotice } from "@/components/carbonmark/transfer-hold-notice";
import { NothingToExport } from "@/components/carbonmark/nothing-to-export";
import { Alert } from "@/components/ui/alert";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getConnection } from "@/lib/carbonmark/connection/get-connection";
import { getExportDestination } from "@/lib/carbonmark/exports/get-export-destination";
import { passkeyConfirmState } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { formatLockTime } from "@/lib/carbonmark/wallet/pin";
import { config } from "@/lib/config";
import { ExportForm } from "./export-form";

const EXPORT_CONNECT_TEXT =
  "Connect the ICR organization that should receive your credits by installing the Carbonmark app on it.";

export const dynamic = "force-dynamic";

export default async function ExportIcrPage() {
  const { user, wallet } = await requireUserWithWallet("/export/icr");
  const [holdings, connection] = await Promise.all([
    getHoldings({ userId: user.id, address: wallet.address }),
    getConnection({ userId: user.id }),
  ]);
  // A new user with an empty wallet is not sent through Connect and Install for nothing.
  if (holdings.length === 0 && !connection) {
    return (
      <Shell>
        <NothingToExport />
      </Shell>
    );
  }
  if (!connection)
    return (
      <ConnectStep title="Export carbon credits" returnTo="/export/icr">
        {EXPORT_CONNECT_TEXT}
      </ConnectStep>
    );

  let destination;
  try {
    destination = await getExportDestination({ userId: user.id });
  } catch (err) {
    return icrStepFailure(err, {
      title: "Export carbon credits",
      returnTo: "/export/icr",
      connectText: EXPORT_CONNECT_TEXT,
      unavailable: "We could not get your ICR organization's address. Nothing was sent; try again in a minute.",
      refused: "ICR refused to give the organization's address",
      shell: (children) => <Shell>{children}</Shell>,
    });
  }
  const lockedUntil =
    wallet.pinLockedUntil && wallet.pinLockedUntil > new Date() ? formatLockTime(wallet.pinLockedUntil) : undefined;
  return (
    <Shell>
      <TransferHoldNotice userId={user.id} />
      {lockedUntil && (
        <Alert tone="danger" title="Exports are locked">
          Too many wrong PINs in a row. You can export again after {lockedUntil}. <ForgotPinLink />
        </Alert>
      )}
      <ExportForm
        credits={holdings.map((h) => ({ ...h, available: h.amount }))}
        destination={destination}
        inventoryUrl={`${config().ICR_WEB_URL}/organizations/${destination.organizationId}/inventory`}
        lockedUntil={lockedUntil}
        passkeyState={await passkeyConfirmState(user.id)}
      />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">Export credits</h1>
      {children}
    </div>
  );
}
