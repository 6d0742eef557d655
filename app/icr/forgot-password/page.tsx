import { Card } from "@/components/ui/card";
import { ForgotPasswordForm } from "@/app/icr/forgot-password/forgot-password-form";

export default function IcrForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title="Reset your ICR password">
        <p className="mb-4 text-sm text-slate-600">
          Enter the email address of your ICR account. We&apos;ll mail you a link to choose a new password.
        </p>
        <ForgotPasswordForm />
      </Card>
    </div>
  );
}
