import { ConnectIcrButton } from "@/components/carbonmark/connect-icr-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getConnection } from "@/lib/carbonmark/connection/get-connection";
import { getExportDestination } from "@/lib/carbonmark/exports/get-export-destination";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { formatLockTime } from "@/lib/carbonmark/wallet/pin";
import { IcrApiError } from "@/lib/icr/errors";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { config } from "@/lib/config";
import { ExportForm } from "./export-form";

export const dynamic = "force-dynamic";

export default async function ExportIcrPage() {
  const { user, wallet } = await requireUserWithWallet("/export/icr");
  if (!(await getConnection({ userId: user.id }))) return <ConnectStep />;

  let destination;
  try {
    destination = await getExportDestination({ userId: user.id });
  } catch (err) {
    if (err instanceof IcrNotConnectedError) return <ConnectStep message={err.message} />;
    if (!(err instanceof IcrApiError)) throw err;
    return (
      <Shell>
        <Alert tone="danger" title="ICR is not answering">
          {err.isUnavailable ? "We could not get your ICR organization's address. Nothing was sent; try again in a minute." : `ICR refused to give the organization's address: ${err.message}`}
        </Alert>
      </Shell>
    );
  }
  const holdings = await getHoldings({ userId: user.id, address: wallet.address });
  const lockedUntil = wallet.pinLockedUntil && wallet.pinLockedUntil > new Date() ? formatLockTime(wallet.pinLockedUntil) : undefined;
  return (
    <Shell>
      {lockedUntil && (
        <Alert tone="danger" title="Exports are locked">
          Too many wrong PINs in a row. You can export again after {lockedUntil}.
        </Alert>
      )}
      <ExportForm
        credits={holdings.map((h) => ({ ...h, available: h.amount }))}
        destination={destination}
        inventoryUrl={`${config().ICR_WEB_URL}/organizations/${destination.organizationId}/inventory`}
        lockedUntil={lockedUntil}
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

function ConnectStep({ message }: { message?: string }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Export carbon credits</h1>
      <Card title="International Carbon Registry">
        <div className="flex flex-col gap-4 text-sm text-slate-700">
          {message && <Alert tone="warning">{message}</Alert>}
          <p>Connect the ICR organization that should receive your credits by installing the Carbonmark app on it.</p>
          <ConnectIcrButton returnTo="/export/icr" />
        </div>
      </Card>
    </div>
  );
}
