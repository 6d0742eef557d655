import type { TPasskeyAnswer } from "@/app/(carbonmark)/_passkeys/ask-passkey";

export type TWalletConsentInput = { pin: string } | { method: "passkey"; passkey: TPasskeyAnswer };

/**
 * The consent a PIN dialog sends: the PIN typed, or, when its "Use a passkey instead" button
 * (name "consent", value "passkey") submitted the form, a passkey's answer to a `confirm` challenge.
 * The passkey code loads only then, so the dialogs' pages do not carry it in their first load.
 */
export async function walletConsentFrom(
  form: FormData,
): Promise<{ consent: TWalletConsentInput; isPasskey: boolean } | { passkeyError: string }> {
  if (form.get("consent") !== "passkey") return { consent: { pin: String(form.get("pin") ?? "") }, isPasskey: false };
  const { answerPasskeyChallenge } = await import("@/app/(carbonmark)/_passkeys/ask-passkey");
  const answer = await answerPasskeyChallenge("confirm");
  if ("error" in answer) return { passkeyError: answer.error };
  return { consent: { method: "passkey", passkey: answer }, isPasskey: true };
}
