// Loaded only when an account turns out to need its passkey (sign-in-form.tsx), with
// @simplewebauthn/browser, so the sign-in page's first load stays small.
import { askPasskey } from "@/app/(carbonmark)/_passkeys/ask-passkey";
import { actionErrorMessage, callAction } from "@/lib/actions/action-result";
import { passkeySignInOptionsAction } from "./actions";

/** The `passkey` credential field of the second step: a sign-in challenge answered by a passkey, as JSON. */
export async function passkeyCredential(): Promise<{ passkey: string } | { error: string }> {
  const options = await callAction(() => passkeySignInOptionsAction());
  if (!options?.data) return { error: actionErrorMessage(options) ?? "No answer from the server. Try again." };
  const answer = await askPasskey(options.data.optionsJSON);
  if ("error" in answer) return answer;
  return { passkey: JSON.stringify({ challengeId: options.data.challengeId, response: answer.response }) };
}
