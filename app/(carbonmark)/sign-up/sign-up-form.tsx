"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";
import { signUpAction } from "./actions";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const result = await callAction(() => signUpAction(input));
    setFields(actionFieldErrors(result));
    const message = result?.data ? undefined : actionErrorMessage(result);
    setError(result?.validationErrors ? undefined : message);
    if (!result?.data) return;
    // next-auth/react loads when it is needed, not with the page (it would be most of this page's JavaScript).
    const signedIn = await callAction(async () => {
      const { signIn } = await import("next-auth/react");
      return signIn("credentials", { email: input.email, password: input.password, redirect: false });
    });
    if (!signedIn?.ok) {
      return setError(
        signedIn?.status === 429 && signedIn.error
          ? signedIn.error
          : "Your account was created, but signing you in did not work just now. Sign in with your email and password to continue.",
      );
    }
    router.replace("/wallet/set-pin");
    router.refresh();
  }

  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Name" name="name" autoComplete="name" error={fields.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" error={fields.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters"
        error={fields.password}
      />
      <Button type="submit" isLoading={isPending}>
        Create account
      </Button>
      <p className="text-sm text-slate-600">
        Already have an account?{" "}
        <a className="font-semibold text-brand underline" href="/sign-in">
          Sign in
        </a>
      </p>
    </Form>
  );
}
