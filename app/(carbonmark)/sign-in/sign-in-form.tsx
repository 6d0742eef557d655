"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/carbonmark/action-result";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setError(undefined);
    // next-auth/react loads when the form is sent, not with the page (it would be most of this page's JavaScript).
    const res = await callAction(async () => {
      const { signIn } = await import("next-auth/react");
      return signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
    });
    if (!res) return setError(actionErrorMessage(undefined)); // no answer (offline): not a wrong password
    // Too many attempts (429), or the form's CSRF token expired (403): the answer says what to do.
    if ((res.status === 429 || res.status === 403) && res.error) return setError(res.error);
    if (res.error === "AccountFrozen")
      return setError(
        "This account is frozen. Set a new password with the link we mailed you (or ask for a new one below) to lift it.",
      );
    if (res.error) return setError("The email or the password is not right.");
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" isLoading={isPending}>
        Sign in
      </Button>
      <p className="text-sm text-slate-600">
        <a className="font-semibold text-brand underline" href="/forgot-password">
          Forgot your password?
        </a>
      </p>
      <p className="text-sm text-slate-600">
        New to Carbonmark?{" "}
        <a className="font-semibold text-brand underline" href="/sign-up">
          Create an account
        </a>
      </p>
    </Form>
  );
}
