import { Card } from "@/components/ui/card";
import { ForgotPasswordForm } from "./forgot-password-form";

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <Card headingLevel={1} title={<span className="text-xl">Forgot your password?</span>}>
        <p className="mb-4 text-sm text-slate-600">
          We mail a link to set a new one. Setting it signs out every browser and lifts a freeze.
        </p>
        <ForgotPasswordForm />
      </Card>
    </div>
  );
}
