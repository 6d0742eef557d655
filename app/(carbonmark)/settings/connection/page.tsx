import Link from "next/link";
import { ConnectIcrButton } from "@/app/(carbonmark)/connect/icr/connect-icr-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getConnection } from "@/lib/carbonmark/connection/get-connection";
import { DisconnectButton } from "./disconnect-button";
import { formatDateTime } from "@/lib/format-date-time";

export const dynamic = "force-dynamic";

export default async function ConnectionSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ disconnected?: string }>;
}) {
  const { disconnected } = await searchParams;
  const { user } = await requireUserWithWallet("/settings/connection");
  const connection = await getConnection({ userId: user.id });
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Settings</h1>
      <Card title="ICR connection">
        {connection ? (
          <div className="flex flex-col gap-4 text-sm">
            <p>
              Connected to <strong data-testid="connected-org">{connection.organizationName}</strong> since{" "}
              {formatDateTime(connection.connectedAt)}.
            </p>
            <p className="text-slate-600">
              Reconnecting installs the Carbonmark app again; if it is already installed that is harmless. Disconnecting
              makes Carbonmark forget this organization.
            </p>
            <div className="flex flex-wrap gap-3">
              <ConnectIcrButton returnTo="/settings/connection" label="Reconnect" variant="secondary" />
              <DisconnectButton organizationName={connection.organizationName} />
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-4 text-sm">
            {disconnected === "1" && <Alert tone="success">Disconnected from ICR.</Alert>}
            <p data-testid="not-connected">Not connected to an ICR organization.</p>
            <ConnectIcrButton returnTo="/settings/connection" />
          </div>
        )}
      </Card>
      <Card title="Account">
        <p className="text-sm">
          <Link className="font-semibold text-brand underline" href="/settings/account">
            E-mail address and password
          </Link>{" "}
          (change either; confirm your address).
        </p>
      </Card>
      <Card title="Wallet PIN">
        <p className="text-sm">
          <Link className="font-semibold text-brand underline" href="/settings/pin">
            Change your PIN
          </Link>{" "}
          (you need the current one).
        </p>
      </Card>
      <Card title="Security">
        <p className="text-sm">
          <Link className="font-semibold text-brand underline" href="/settings/security">
            Passkeys and recovery codes
          </Link>{" "}
          (a second step at sign-in; confirm transfers without your PIN).
        </p>
      </Card>
      <Card title="API and webhooks">
        <p className="text-sm">
          <Link className="font-semibold text-brand underline" href="/settings/api">
            API keys and webhook endpoints
          </Link>{" "}
          (connect your own systems).
        </p>
      </Card>
      <Card title="Notifications">
        <p className="text-sm">
          <Link className="font-semibold text-brand underline" href="/settings/notifications">
            Choose which e-mails you get
          </Link>{" "}
          (imports, exports, retirements).
        </p>
      </Card>
    </div>
  );
}
