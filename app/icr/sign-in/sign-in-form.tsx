"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { signInAction, type TSignInState } from "@/app/icr/sign-in/actions";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const [state, action, isPending] = useActionState<TSignInState, FormData>(signInAction, {});
  return (
    <Form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="returnTo" value={returnTo} />
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={state.email} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant="icr" isLoading={isPending}>
        Sign in
      </Button>
      <a href="/icr/forgot-password" className="text-center text-sm font-medium text-icr hover:underline">
        Forgot your password?
      </a>
    </Form>
  );
}
