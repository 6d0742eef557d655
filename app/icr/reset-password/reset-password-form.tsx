"use client";

import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { useActionForm } from "@/components/ui/use-action-form";
import { resetPasswordAction } from "@/app/icr/reset-password/actions";
import { ResetLinkProblem } from "@/app/icr/reset-password/reset-link-problem";

export function ResetPasswordForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  // A malformed token has no field on the form: its message shows above it.
  const {
    action,
    fields,
    error,
    data: answer,
    isPending,
    setPending,
  } = useActionForm((form) =>
    resetPasswordAction({
      token,
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    }),
  );

  if (answer && "doneFor" in answer) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Your password was changed">
          Every session of <span className="break-words font-medium">{answer.doneFor}</span> was ended, on every device,
          this one included. Sign in with your new password.
        </Alert>
        <a href="/icr/sign-in" className={buttonClass("icr")}>
          Sign in
        </a>
      </div>
    );
  }
  if (answer && "linkError" in answer)
    return <ResetLinkProblem state={answer.linkError.state} message={answer.linkError.message} />;
  return (
    <Form action={action} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      {error && <Alert tone="danger">{error}</Alert>}
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters.`}
        error={fields.newPassword}
        required
        data-autofocus
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fields.confirmPassword}
        required
      />
      <Button type="submit" variant="icr" isLoading={isPending}>
        Set new password
      </Button>
    </Form>
  );
}
