/** What a form shows for a next-safe-action result: the server's message for people, or the first validation message. */
export function actionErrorMessage(
  result: { serverError?: string; validationErrors?: unknown } | undefined,
  hasErrored = false,
): string | undefined {
  if (!result) return hasErrored ? GENERIC : undefined;
  if (result.serverError) return result.serverError;
  if (result.validationErrors) return firstMessage(result.validationErrors) ?? "Check the form and try again.";
  return hasErrored ? GENERIC : undefined;
}

const GENERIC = "Something went wrong; please try again.";

function firstMessage(v: unknown): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  for (const [key, value] of Object.entries(v)) {
    if (key === "_errors" && Array.isArray(value) && typeof value[0] === "string") return value[0];
    const nested = firstMessage(value);
    if (nested) return nested;
  }
  return undefined;
}

/** Each field's first validation message, e.g. { beneficiaryName: "The beneficiary must be one line …" }. */
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
