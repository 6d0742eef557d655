import { ForgotPinLink } from "@/components/carbonmark/pin-field";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { getTransferHold } from "@/lib/carbonmark/wallet/get-transfer-hold";
import { formatHoldTime } from "@/lib/carbonmark/wallet/pin";
import { ChangePinForm } from "./change-pin-form";

export default async function ChangePinPage() {
  const { user } = await requireUserWithWallet("/settings/pin");
  const heldUntil = await getTransferHold({ userId: user.id });
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      {heldUntil && (
        <Alert tone="warning" title="Exports and retirements are on hold">
          Your PIN was reset with your account password. For your safety, exports and retirements are held until {formatHoldTime(heldUntil)}.
        </Alert>
      )}
      <Card title={<span className="text-xl">Change your PIN</span>}>
        <ChangePinForm />
        <div className="mt-4">
          <ForgotPinLink />
        </div>
      </Card>
    </div>
  );
}
