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
