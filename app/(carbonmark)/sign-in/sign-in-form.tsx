"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setPending(true);
    setError(undefined);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (res?.status === 429 && res.error) return setError(res.error);
    if (!res || res.error) return setError("The email or the password is not right.");
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <Form action={onSubmit} className="flex flex-col gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" isLoading={isPending}>
        Sign in
      </Button>
      <p className="text-sm text-slate-600">
        New to Carbonmark?{" "}
        <Link className="font-semibold text-brand underline" href="/sign-up">
          Create an account
        </Link>
      </p>
    </Form>
  );
}
