"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/carbonmark/action-result";
import { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript").

const WRONG_PASSWORD = "The email or the password is not right.";
const STEP_MESSAGES: Record<string, string> = {
  [SIGN_IN_STEP.passkeyRequired]: "Use your passkey or a recovery code to finish signing in.",
  [SIGN_IN_STEP.passkeyFailed]:
    "That passkey did not sign you in. Use a passkey you added to this account, or a recovery code.",
  [SIGN_IN_STEP.recoveryCodeFailed]: "That recovery code is not right or was already used.",
  [SIGN_IN_STEP.unavailable]: "Something went wrong on our side. Please try again.",
};

type TCredentials = { email: string; password: string };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // Set when the password was right and the account needs its passkey (or a recovery code) too.
  const [passkeyStep, setPasskeyStep] = useState<TCredentials>();

  /** Posts the credentials; signs in and leaves, or returns the message to show. */
  async function signInWith(fields: TCredentials & { passkey?: string; recoveryCode?: string }) {
    // next-auth/react loads when the form is sent, not with the page (it would be most of this page's JavaScript).
    const res = await callAction(async () => {
      const { signIn } = await import("next-auth/react");
      return signIn("credentials", { ...fields, redirect: false });
    });
    if (!res) return actionErrorMessage(undefined); // no answer (offline): not a wrong password
    if (res.status === 429 && res.error) return res.error;
    if (!res.error) {
      router.replace(callbackUrl);
      router.refresh();
      return undefined;
    }
    if (res.error === SIGN_IN_STEP.passkeyRequired && !fields.passkey && !fields.recoveryCode) {
      setPasskeyStep({ email: fields.email, password: fields.password });
      return undefined;
    }
    if (STEP_MESSAGES[res.error]) return STEP_MESSAGES[res.error];
    setPasskeyStep(undefined); // the password no longer works (changed meanwhile): start again
    return WRONG_PASSWORD;
  }

  if (passkeyStep) {
    return (
      <div className="flex flex-col gap-4">
        {error && <Alert tone="danger">{error}</Alert>}
        <Form
          action={async () => {
            setError(undefined);
            const { passkeyCredential } = await import("./passkey-sign-in");
            const field = await passkeyCredential();
            setError("error" in field ? field.error : await signInWith({ ...passkeyStep, ...field }));
          }}
          onPendingChange={setPending}
          className="flex flex-col gap-4"
        >
          <p className="text-sm text-slate-700" data-testid="passkey-step">
            Your account is protected by a passkey. Use it to finish signing in.
          </p>
          <Button type="submit" isLoading={isPending} data-autofocus>
            Use your passkey
          </Button>
        </Form>
        <details className="border-t border-slate-200 pt-3 text-sm">
          <summary className="cursor-pointer font-medium text-brand">Lost your passkeys? Use a recovery code</summary>
          <Form
            action={async (form) => {
              setError(undefined);
              setError(await signInWith({ ...passkeyStep, recoveryCode: String(form.get("recoveryCode") ?? "") }));
            }}
            className="mt-3 flex flex-col gap-3"
          >
            <Field
              label="Recovery code"
              name="recoveryCode"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              hint="One of the codes you saved when you added your first passkey. It works once."
            />
            <div>
              <Button type="submit" variant="secondary">
                Sign in with the recovery code
              </Button>
            </div>
          </Form>
        </details>
        <a
          className="text-sm text-slate-600 underline"
          href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Sign in with another account
        </a>
      </div>
    );
  }

  return (
    <Form
      action={async (form) => {
        setError(undefined);
        setError(
          await signInWith({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }),
        );
      }}
      onPendingChange={setPending}
      className="flex flex-col gap-4"
    >
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" isLoading={isPending}>
        Sign in
      </Button>
      <p className="text-sm text-slate-600">
        New to Carbonmark?{" "}
        <a className="font-semibold text-brand underline" href="/sign-up">
          Create an account
        </a>
      </p>
    </Form>
  );
}
