import { LinkConfirmForm } from "@/components/carbonmark/link-confirm-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { findLiveAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { confirmEmailAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = String((await searchParams).token ?? "");
  const live = await findLiveAccountToken({ token, purpose: "verify_email" });
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Confirm your e-mail address</span>}>
        {live ? (
          <div className="flex flex-col gap-4 text-sm">
            <p>Confirm that this address is yours, so your account can connect to ICR and move credits.</p>
            <LinkConfirmForm
              token={token}
              action={confirmEmailAction}
              label="Confirm my address"
              done={
                <Alert tone="success">
                  Your address is confirmed.{" "}
                  <a className="font-semibold underline" href="/portfolio">
                    Go to your portfolio
                  </a>
                </Alert>
              }
            />
          </div>
        ) : (
          <Alert tone="warning">
            This link has expired or was already used. Sign in and send a new one from Settings → Account.
          </Alert>
        )}
      </Card>
    </div>
  );
}
