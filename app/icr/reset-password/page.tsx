import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/crypto/password";
import { checkResetToken, ResetLinkError } from "@/lib/registry/auth/password-reset";
import { ResetLinkProblem } from "@/app/icr/reset-password/reset-link-problem";
import { ResetPasswordForm } from "@/app/icr/reset-password/reset-password-form";

// The token is in this page's URL: no Referer carries it anywhere, not even to our own assets.
export const metadata: Metadata = { referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners fetch links before people do): it only checks the
// token and shows the form; the token is spent when the form is sent.
export default async function IcrResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const link = await checkResetToken(token);
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title="Choose a new ICR password">
        {link.state === "valid" ? (
          <>
            <p className="mb-4 text-sm text-slate-600">
              For <span className="break-words font-medium text-slate-900">{link.email}</span>. Setting it ends every
              session of your account, on every device.
            </p>
            <ResetPasswordForm token={token} email={link.email} minLength={MIN_PASSWORD_LENGTH} />
          </>
        ) : (
          <ResetLinkProblem state={link.state} message={new ResetLinkError(link.state).message} />
        )}
      </Card>
    </div>
  );
}
