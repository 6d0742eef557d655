import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { hasPasskey } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { config } from "@/lib/config";
import { ResetPinForm } from "./reset-pin-form";

export default async function ResetPinPage() {
  const { user } = await requireUserWithWallet("/settings/pin/reset");
  const needsPasskey = await hasPasskey(user.id);
  const hours = config().PIN_RESET_HOLD_HOURS;
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Reset a forgotten PIN</span>}>
        <div className="mb-4 flex flex-col gap-2 text-sm text-slate-600">
          <p>
            Your credits stay in your wallet: Carbonmark keeps its key encrypted with a server key, so your account
            password can set a new PIN.
          </p>
          <p>
            <strong className="text-slate-900">
              After a reset, exports and retirements are held for {hours} hours
            </strong>
            , so that someone who learned your password cannot move your credits at once. Imports and your portfolio
            work as usual. A PIN lock-out ends with the reset.
          </p>
          {needsPasskey && (
            <p data-testid="reset-needs-passkey">
              <strong className="text-slate-900">Your account has a passkey</strong>, so the password alone cannot reset
              your PIN: after you press the button, confirm with one of your passkeys.
            </p>
          )}
        </div>
        <ResetPinForm needsPasskey={needsPasskey} />
      </Card>
    </div>
  );
}
