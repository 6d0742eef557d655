"use client";

import { useRouter } from "next/navigation";
import { type ComponentType, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction } from "@/lib/carbonmark/action-result";
import type { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";
import type { TPasskeyStepProps } from "./passkey-step";

// Plain <a> links, not next/link (~3.3 kB gzip): a signed-out page stays within 8 kB of the framework's
// own JavaScript (docs/carbonmark.md, "First-load JavaScript"). For the same reason the passkey step
// loads only when an account needs it.
const PASSKEY_REQUIRED: (typeof SIGN_IN_STEP)["passkeyRequired"] = "passkey_required";

export type TCredentials = { email: string; password: string; passkey?: string; recoveryCode?: string };
/** Posts the credentials: undefined when signed in (the page moves on), else next-auth's error or a message. */
export type TSignInWith = (fields: TCredentials) => Promise<{ error: string; message?: string } | undefined>;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);
  // Set when the password was right and the account needs its passkey (or a recovery code) too.
  const [passkeyStep, setPasskeyStep] = useState<{
    Step: ComponentType<TPasskeyStepProps>;
    credentials: TCredentials;
  }>();

  const signInWith: TSignInWith = async (fields) => {
    // next-auth/react loads when the form is sent, not with the page (it would be most of this page's JavaScript).
    const res = await callAction(async () => {
      const { signIn } = await import("next-auth/react");
      return signIn("credentials", { ...fields, redirect: false });
    });
    if (!res) return { error: "offline", message: actionErrorMessage(undefined) }; // no answer: not a wrong password
    if (res.status === 429 && res.error) return { error: "limited", message: res.error };
    if (res.error) return { error: res.error };
    router.replace(callbackUrl);
    router.refresh();
  };

  if (passkeyStep)
    return (
      <passkeyStep.Step
        credentials={passkeyStep.credentials}
        signInWith={signInWith}
        restartHref={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
      />
    );

  return (
    <Form
      action={async (form) => {
        setError(undefined);
        const credentials = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
        const failed = await signInWith(credentials);
        if (failed?.error === PASSKEY_REQUIRED) {
          const { default: Step } = await import("./passkey-step");
          return setPasskeyStep({ Step, credentials });
        }
        if (failed) setError(failed.message ?? "The email or the password is not right.");
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
