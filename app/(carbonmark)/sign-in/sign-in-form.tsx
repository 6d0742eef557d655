"use client";

import { useRouter } from "next/navigation";
import { type ComponentType, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { NO_ANSWER_MESSAGE } from "@/lib/actions/no-answer";
import type { TPasskeyStepProps } from "./passkey-step";
import type { TCredentials } from "./post-credentials";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript"). For the same reason sending the form
// (submit-sign-in.ts) loads when it is sent, and the passkey step only when an account needs it.

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // Set when the password was right and the account needs its passkey (or a recovery code) too.
  const [step, setStep] = useState<{ Step: ComponentType<TPasskeyStepProps>; credentials: TCredentials }>();

  async function onSubmit(form: FormData) {
    setError(undefined);
    const credentials = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    // Not loaded (offline): no answer, not a wrong password.
    const outcome = await import("./submit-sign-in").then(
      (m) => m.signInWith(credentials),
      () => ({ error: NO_ANSWER_MESSAGE }),
    );
    if ("error" in outcome) return setError(outcome.error);
    if ("needsPasskey" in outcome) {
      const { default: Step } = await import("./passkey-step");
      return setStep({ Step, credentials });
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  if (step) return <step.Step credentials={step.credentials} callbackUrl={callbackUrl} />;

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
