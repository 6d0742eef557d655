// Client side: the one way client code calls a server action and learns what went wrong.
// `const result = await callAction(() => someAction(input))`, then `result?.data` on success,
// else `actionErrorMessage(result)` for the form and `actionFieldErrors(result)` under each field.
import { NO_ANSWER_MESSAGE } from "@/lib/actions/no-answer";

export { NO_ANSWER_MESSAGE };

export type TActionResultLike = { serverError?: string; validationErrors?: unknown };

/** Calls a server action; a network failure or an unexpected answer becomes `undefined` (shown as "No answer…"). */
export async function callAction<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch {
    return undefined;
  }
}

/** What the form shows: the server's message for people, else the first validation message; nothing on success. */
export function actionErrorMessage(result: TActionResultLike | undefined): string | undefined {
  if (!result) return NO_ANSWER_MESSAGE;
  if (result.serverError) return result.serverError;
  if (!result.validationErrors) return undefined;
  return firstMessage(result.validationErrors) ?? "Check the form and try again.";
}

function firstMessage(v: unknown): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  for (const [key, value] of Object.entries(v)) {
    if (key === "_errors" && Array.isArray(value) && typeof value[0] === "string") return value[0];
    const nested = firstMessage(value);
    if (nested) return nested;
  }
  return undefined;
}

/** Each field's first validation message, e.g. `{ quantity: "Use at most 3 decimals" }`. */
export function actionFieldErrors(result: { validationErrors?: unknown } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const v = result?.validationErrors;
  if (!v || typeof v !== "object") return out;
  for (const [key, value] of Object.entries(v)) {
    const errs = (value as { _errors?: unknown } | undefined)?._errors;
    if (key !== "_errors" && Array.isArray(errs) && typeof errs[0] === "string") out[key] = errs[0];
  }
  return out;
}
