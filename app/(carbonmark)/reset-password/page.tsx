import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { findLiveAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { ResetPasswordForm } from "./reset-password-form";

export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = String((await searchParams).token ?? "");
  const live = await findLiveAccountToken({ token, purpose: "reset_password" });
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Set a new password</span>}>
        {live ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Alert tone="warning">
            This link has expired or was already used.{" "}
            <a className="font-semibold underline" href="/forgot-password">
              Ask for a new one
            </a>
            .
          </Alert>
        )}
      </Card>
    </div>
  );
}
