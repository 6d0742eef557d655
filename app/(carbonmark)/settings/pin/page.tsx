import { ForgotPinLink } from "@/components/carbonmark/pin-field";
import { TransferHoldNotice } from "@/components/carbonmark/transfer-hold-notice";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { ChangePinForm } from "./change-pin-form";

export default async function ChangePinPage() {
  const { user } = await requireUserWithWallet("/settings/pin");
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <TransferHoldNotice userId={user.id} />
      <Card headingLevel={1} title={<span className="text-xl">Change your PIN</span>}>
        <ChangePinForm />
        <div className="mt-4">
          <ForgotPinLink />
        </div>
      </Card>
      <p className="text-sm text-slate-600">
        <a className="font-semibold text-brand underline" href="/settings/security">
          Passkeys
        </a>{" "}
        can confirm exports and retirements instead of your PIN, and protect your sign-in.
      </p>
    </div>
  );
}
