"use client";

import { useRouter } from "next/navigation";
import { type ComponentType, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage } from "@/lib/actions/action-result";
import type { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";
import type { TPasskeyStepProps } from "./passkey-step";
import { postCredentials, type TCredentials } from "./post-credentials";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript"). For the same reason the passkey step
// loads only when an account needs it.
const PASSKEY_REQUIRED: (typeof SIGN_IN_STEP)["passkeyRequired"] = "passkey_required";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // Set when the password was right and the account needs its passkey (or a recovery code) too.
  const [step, setStep] = useState<{ Step: ComponentType<TPasskeyStepProps>; credentials: TCredentials }>();

  async function onSubmit(form: FormData) {
    setError(undefined);
    const credentials = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    const res = await postCredentials(credentials);
    if (!res) return setError(actionErrorMessage(undefined)); // no answer (offline): not a wrong password
    // Too many attempts (429), or the form's CSRF token expired (403): the answer says what to do.
    if ((res.status === 429 || res.status === 403) && res.error) return setError(res.error);
    if (res.error === "AccountFrozen")
      return setError(
        "This account is frozen. Set a new password with the link we mailed you (or ask for a new one below) to lift it.",
      );
    if (res.error === PASSKEY_REQUIRED) {
      const { default: Step } = await import("./passkey-step");
      return setStep({ Step, credentials });
    }
    if (res.error) return setError("The email or the password is not right.");
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
