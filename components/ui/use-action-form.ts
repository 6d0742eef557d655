"use client";

import { useState } from "react";
import { actionErrorMessage, actionFieldErrors, callAction } from "@/lib/actions/action-result";

/** What a server action answers (next-safe-action's result), or what a step before it says went wrong. */
export type TActionAnswer<TData> = { data?: TData; serverError?: string; validationErrors?: unknown } | undefined;

/**
 * The state of a form that submits to one server action: `action` for `<Form action>`, `setPending`
 * for its `onPendingChange`, each field's message under it (`fields`), the message above the form
 * (`error`: the server's, or a validation message whose field is not on the form) and the last
 * success's data. `send` builds the action's input from the form and calls it.
 */
export function useActionForm<TData>(send: (form: FormData) => Promise<TActionAnswer<TData>>) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [data, setData] = useState<TData>();
  const [isPending, setPending] = useState(false);

  async function action(form: FormData) {
    setData(undefined);
    const result = await callAction(() => send(form));
    const invalid = actionFieldErrors(result);
    setFields(invalid);
    if (result?.data) {
      setError(undefined);
      return setData(result.data);
    }
    const shownUnderAField = Object.keys(invalid).some((name) => form.has(name));
    setError(result?.validationErrors && shownUnderAField ? undefined : actionErrorMessage(result));
  }

  return { action, fields, error, data, isPending, setPending };
}
