"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { NO_ANSWER_MESSAGE } from "@/lib/actions/no-answer";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript"). For the same reason sending the form
// (submit-sign-up.ts) loads when it is sent.

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
    // Not loaded (offline): no answer, as when the server does not answer.
    const outcome = await import("./submit-sign-up").then(
      (m) => m.signUpWith(input),
      () => ({ error: NO_ANSWER_MESSAGE, fields: {}, isSignedIn: undefined }),
    );
    setFields(outcome.fields);
    setError(outcome.error);
    if (!outcome.isSignedIn) return;
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
