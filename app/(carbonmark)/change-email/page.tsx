import { LinkConfirmForm } from "@/components/carbonmark/link-confirm-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { findLiveAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { confirmEmailChangeAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ChangeEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = String((await searchParams).token ?? "");
  const live = await findLiveAccountToken({ token, purpose: "change_email" });
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Use a new e-mail address</span>}>
        {live?.newEmail ? (
          <div className="flex flex-col gap-4 text-sm">
            <p>
              Make <strong className="break-all">{live.newEmail}</strong> the address of your Carbonmark account. You
              then sign in with it, and every mail goes there.
            </p>
            <LinkConfirmForm
              token={token}
              action={confirmEmailChangeAction}
              label="Use this address"
              done={<Alert tone="success">Your account now uses {live.newEmail}.</Alert>}
            />
          </div>
        ) : (
          <Alert tone="warning">This link has expired or was already used. Nothing was changed.</Alert>
        )}
      </Card>
    </div>
  );
}
