// Client-side: one place that turns a next-safe-action result into what a form shows.
type TValidationErrors = { _errors?: string[] } & Record<string, unknown>;
export type TActionResultLike = { serverError?: string; validationErrors?: TValidationErrors };

export function actionErrorMessage(result: TActionResultLike | undefined): string | undefined {
  if (!result) return "No answer from the server. Check your connection and try again.";
  if (result.serverError) return result.serverError;
  const v = result.validationErrors;
  if (!v) return undefined;
  if (v._errors?.length) return v._errors[0];
  for (const [, value] of Object.entries(v)) {
    const errs = (value as { _errors?: string[] } | undefined)?._errors;
    if (errs?.length) return errs[0];
  }
  return "Check the form and try again.";
}

/** Field-level messages: { quantity: "Use at most 3 decimals" }. */
export function actionFieldErrors(result: TActionResultLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(result?.validationErrors ?? {})) {
    const errs = (value as { _errors?: string[] } | undefined)?._errors;
    if (key !== "_errors" && errs?.length) out[key] = errs[0];
  }
  return out;
}

/** Calls a server action; a network failure or an unexpected answer becomes `undefined` (shown as "No answer…"). */
export async function callAction<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch {
    return undefined;
  }
}
