"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage } from "@/lib/actions/action-result";
import { SIGN_IN_STEP } from "@/lib/carbonmark/passkeys/sign-in-steps";
import { postCredentials, type TCredentials } from "./post-credentials";

const MESSAGES: Record<string, string> = {
  [SIGN_IN_STEP.passkeyRequired]: "Use your passkey or a recovery code to finish signing in.",
  [SIGN_IN_STEP.passkeyFailed]:
    "That passkey did not sign you in. Use a passkey you added to this account, or a recovery code.",
  [SIGN_IN_STEP.recoveryCodeFailed]: "That recovery code is not right or was already used.",
  [SIGN_IN_STEP.unavailable]: "Something went wrong on our side. Please try again.",
  AccountFrozen:
    "This account is frozen. Set a new password with the link we mailed you (or ask for a new one on the sign-in page) to lift it.",
};

/**
 * The second sign-in step, after the right password of an account with a passkey: the passkey
 * (a sign-in challenge naming no account), or a recovery code. Both post the password again.
 */
export type TPasskeyStepProps = { credentials: TCredentials; callbackUrl: string };

export default function PasskeyStep({ credentials, callbackUrl }: TPasskeyStepProps) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isPending, setPending] = useState(false);

  async function send(extra: { passkey: string } | { recoveryCode: string }) {
    const res = await postCredentials({ ...credentials, ...extra });
    if (!res) return setError(actionErrorMessage(undefined));
    if (res.status === 429 && res.error) return setError(res.error);
    // CredentialsSignin here: the password stopped working meanwhile (changed, or the account frozen).
    if (res.error) return setError(MESSAGES[res.error] ?? "The email or the password is not right. Start again.");
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Form
        action={async () => {
          setError(undefined);
          const { passkeyCredential } = await import("./passkey-sign-in");
          const field = await passkeyCredential();
          if ("error" in field) return setError(field.error);
          await send(field);
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
            await send({ recoveryCode: String(form.get("recoveryCode") ?? "") });
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
      <a className="text-sm text-slate-600 underline" href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
        Sign in with another account
      </a>
    </div>
  );
}
