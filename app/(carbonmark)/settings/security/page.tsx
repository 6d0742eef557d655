import { TransferHoldNotice } from "@/components/carbonmark/transfer-hold-notice";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { formatDateTime } from "@/lib/format-date-time";
import { listPasskeys } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { countUnusedRecoveryCodes, RECOVERY_CODE_COUNT } from "@/lib/carbonmark/passkeys/recovery-codes";
import { AddPasskey } from "./add-passkey";
import { RemovePasskeyButton } from "./remove-passkey-button";
import { RenewRecoveryCodes } from "./renew-recovery-codes";
import { TableHead } from "@/components/ui/table-head";

export const dynamic = "force-dynamic";

// /settings/security: passkeys (sign-in's second factor, and in place of the PIN) and recovery codes.
export default async function SecuritySettingsPage() {
  const { user } = await requireUserWithWallet("/settings/security");
  const [passkeys, codesLeft] = await Promise.all([listPasskeys(user.id), countUnusedRecoveryCodes(user.id)]);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Security</h1>
      <TransferHoldNotice userId={user.id} />
      <Card title="Passkeys">
        <div className="flex flex-col gap-4 text-sm">
          <p className="text-slate-600">
            A passkey is a key that your computer, phone or security key keeps for Carbonmark, unlocked with your
            fingerprint, face or device PIN. With a passkey, signing in asks for it after your password, and exports and
            retirements can be confirmed with it instead of your wallet PIN.
          </p>
          {passkeys.length === 0 ? (
            <p data-testid="no-passkeys">You have not added a passkey yet.</p>
          ) : (
            <table className="stack-table w-full text-left text-sm" data-testid="passkeys">
              <TableHead columns={["Name", "Added", "Last used"]} hasActions />
              <tbody className="divide-y divide-slate-100">
                {passkeys.map((p) => (
                  <tr key={p.id} data-testid="passkey-row">
                    <td className="py-2 pr-4 font-medium break-words" data-label="Name">
                      {p.name}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label="Added">
                      {formatDateTime(p.createdAt)}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label="Last used">
                      {p.lastUsedAt ? formatDateTime(p.lastUsedAt) : "Never"}
                    </td>
                    <td className="py-2 text-right">
                      <RemovePasskeyButton passkey={{ id: p.id, name: p.name }} isLast={passkeys.length === 1} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div>
            <AddPasskey defaultName={passkeys.length === 0 ? "My passkey" : `Passkey ${passkeys.length + 1}`} />
          </div>
        </div>
      </Card>
      {passkeys.length > 0 && (
        <Card title="Recovery codes">
          <div className="flex flex-col gap-4 text-sm">
            <p className="text-slate-600">
              If you lose every passkey, sign in with your password and a recovery code instead. Each code works once.{" "}
              <strong className="text-slate-900" data-testid="recovery-codes-left">
                {codesLeft} of {RECOVERY_CODE_COUNT} unused.
              </strong>
            </p>
            <div>
              <RenewRecoveryCodes />
            </div>
          </div>
        </Card>
      )}
      <Card title="Other settings">
        <ul className="flex flex-col gap-1 text-sm">
          <li>
            <a className="font-semibold text-brand underline" href="/settings/pin">
              Wallet PIN
            </a>
          </li>
          <li>
            <a className="font-semibold text-brand underline" href="/settings/connection">
              ICR connection
            </a>
          </li>
          <li>
            <a className="font-semibold text-brand underline" href="/settings/notifications">
              Notifications
            </a>
          </li>
        </ul>
      </Card>
    </div>
  );
}
