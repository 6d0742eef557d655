import { Card } from "@/components/ui/card";
import { requireUserWithWallet } from "@/lib/carbonmark/auth/get-session-user";
import { ChangePinForm } from "./change-pin-form";

export default async function ChangePinPage() {
  await requireUserWithWallet("/settings/pin");
  return (
    <div className="mx-auto max-w-md">
      <Card title={<span className="text-xl">Change your PIN</span>}>
        <ChangePinForm />
      </Card>
    </div>
  );
}
