"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { signInAction } from "@/app/icr/sign-in/actions";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  const [isSignedIn, setSignedIn] = useState(false);

  async function signIn(form: FormData) {
    const result = await callAction(() =>
      signInAction({
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        returnTo,
      }),
    );
    if (!result?.data) return setError(actionErrorMessage(result));
    setSignedIn(true);
    window.location.assign(result.data.redirectTo);
  }

  return (
    <Form action={signIn} onPendingChange={setPending} className="flex flex-col gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant="icr" isLoading={isPending || isSignedIn}>
        Sign in
      </Button>
      <a href="/icr/forgot-password" className="text-center text-sm font-medium text-icr hover:underline">
        Forgot your password?
      </a>
    </Form>
  );
}
