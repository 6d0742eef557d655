import { LinkConfirmForm } from "@/components/carbonmark/link-confirm-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { findLiveAccountToken } from "@/lib/carbonmark/account/account-tokens";
import { freezeAccountAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function FreezeAccountPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = String((await searchParams).token ?? "");
  const live = await findLiveAccountToken({ token, purpose: "freeze" });
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">This wasn&apos;t me</span>}>
        {live ? (
          <div className="flex flex-col gap-4 text-sm">
            <p>Freezing your account, at once:</p>
            <ul className="list-disc pl-5">
              <li>stops every export and retirement,</li>
              <li>signs out every browser, yours and anyone else&apos;s,</li>
              <li>refuses sign-in until you set a new password with the link we then mail you.</li>
            </ul>
            <p className="text-slate-600">Credits already on their way to your wallet still arrive.</p>
            <LinkConfirmForm
              token={token}
              action={freezeAccountAction}
              variant="danger"
              label="Freeze my account"
              done={
                <Alert tone="success" title="Your account is frozen">
                  We mailed you a link to set a new password; setting it lifts the freeze.
                </Alert>
              }
            />
          </div>
        ) : (
          <Alert tone="warning">
            This link has expired or was already used. If you are worried, use{" "}
            <a className="font-semibold underline" href="/forgot-password">
              Forgot your password?
            </a>{" "}
            to set a new one.
          </Alert>
        )}
      </Card>
    </div>
  );
}
