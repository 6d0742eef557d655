import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { safeRedirectPath } from "@/lib/carbonmark/safe-redirect";
import { walletAddress } from "@/lib/carbonmark/wallet/wallet-address";
import { SetPinForm } from "./set-pin-form";

export default async function SetPinPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeRedirectPath((await searchParams).next);
  const user = await requireUser("/wallet/set-pin");
  if (await walletAddress(user.id)) redirect(next);
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Set your wallet PIN</span>}>
        <p className="mb-4 text-sm text-slate-600">
          Choose a 6-digit PIN for your Carbonmark wallet. You enter it to confirm every transfer out of your wallet. If
          you forget it, you can reset it with your account password; exports and retirements then wait a day.
        </p>
        <SetPinForm next={next} />
      </Card>
    </div>
  );
}
