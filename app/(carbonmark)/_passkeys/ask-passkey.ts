// Client side of the WebAuthn ceremonies. @simplewebauthn/browser loads only when a passkey is
// used, so no page carries it in its first-load JavaScript.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";
import { passkeyOptionsAction } from "@/app/(carbonmark)/settings/security/actions";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";

type TAnswer<T> = { response: T } | { error: string };

function ceremonyError(err: unknown, kind: "get" | "create"): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === "InvalidStateError")
    return "This device already has a passkey for your account. Use another device, or remove the old passkey first.";
  if (name === "NotAllowedError" || name === "AbortError")
    return kind === "get"
      ? "No passkey was used (the request was cancelled or took too long). Try again."
      : "No passkey was made (the request was cancelled or took too long). Try again.";
  if (name === "SecurityError") return "Passkeys cannot be used on this address of Carbonmark.";
  return "Your browser could not use a passkey here. Try again, or use another browser or device.";
}

const UNSUPPORTED = "This browser cannot use passkeys. Use a recent browser, or another device.";

/** navigator.credentials.get with the server's options. */
export async function askPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
): Promise<TAnswer<AuthenticationResponseJSON>> {
  const { browserSupportsWebAuthn, startAuthentication } = await import("@simplewebauthn/browser");
  if (!browserSupportsWebAuthn()) return { error: UNSUPPORTED };
  try {
    return { response: await startAuthentication({ optionsJSON }) };
  } catch (err) {
    return { error: ceremonyError(err, "get") };
  }
}

/** navigator.credentials.create with the server's options. */
export async function createPasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<TAnswer<RegistrationResponseJSON>> {
  const { browserSupportsWebAuthn, startRegistration } = await import("@simplewebauthn/browser");
  if (!browserSupportsWebAuthn()) return { error: UNSUPPORTED };
  try {
    return { response: await startRegistration({ optionsJSON }) };
  } catch (err) {
    return { error: ceremonyError(err, "create") };
  }
}

export type TPasskeyAnswer = { challengeId: string; response: AuthenticationResponseJSON };

/** A fresh challenge of the signed-in user for `purpose`, answered by one of their passkeys. */
export async function answerPasskeyChallenge(
  purpose: "confirm" | "pin_reset",
): Promise<TPasskeyAnswer | { error: string }> {
  const options = await callAction(() => passkeyOptionsAction({ purpose }));
  if (!options?.data) return { error: actionErrorMessage(options) ?? "Check the form and try again." };
  const answer = await askPasskey(options.data.optionsJSON);
  if ("error" in answer) return answer;
  return { challengeId: options.data.challengeId, response: answer.response };
}
