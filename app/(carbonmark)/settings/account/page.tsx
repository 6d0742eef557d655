import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/carbonmark/auth/get-session-user";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { ResendVerificationButton } from "./resend-verification-button";

export const dynamic = "force-dynamic";

export default async function AccountSettingsPage() {
  const user = await requireUser("/settings/account");
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">Account</h1>
      <Card title="E-mail address">
        <div className="flex flex-col gap-4 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span className="break-all font-medium" data-testid="account-email">
              {user.email}
            </span>
            {user.emailVerified ? <Badge tone="success">confirmed</Badge> : <Badge tone="warning">not confirmed</Badge>}
          </p>
          {!user.emailVerified && (
            <>
              <p>
                Open the link we mailed to this address. Until then your account cannot connect to ICR or move credits,
                and we send it no other mail.
              </p>
              <ResendVerificationButton />
            </>
          )}
          <h3 className="font-semibold">Use another address</h3>
          <ChangeEmailForm />
        </div>
      </Card>
      <Card title="Password">
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
