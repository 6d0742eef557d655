"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form-fields";
import { actionErrorMessage, callAction, type TActionResultLike } from "@/lib/actions/action-result";

/**
 * The button of a page a mailed link opens: the link alone changes nothing (mail scanners open
 * links), the person's click does. Shows `done` once the action answers with data.
 */
export function LinkConfirmForm({
  token,
  action,
  label,
  done,
  variant = "primary",
}: {
  token: string;
  action: (input: { token: string }) => Promise<(TActionResultLike & { data?: unknown }) | undefined>;
  label: string;
  done: ReactNode;
  variant?: "primary" | "danger";
}) {
  const [error, setError] = useState<string>();
  const [isDone, setDone] = useState(false);
  const [isPending, setPending] = useState(false);

  async function onSubmit() {
    const result = await callAction(() => action({ token }));
    if (!result?.data) return setError(actionErrorMessage(result));
    setError(undefined);
    setDone(true);
  }

  if (isDone) return <div role="status">{done}</div>;
  return (
    <Form action={onSubmit} onPendingChange={setPending} className="flex flex-col gap-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Button type="submit" variant={variant} isLoading={isPending}>
        {label}
      </Button>
    </Form>
  );
}
