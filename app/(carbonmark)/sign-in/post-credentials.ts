import { callAction } from "@/lib/actions/action-result";

export type TCredentials = { email: string; password: string; passkey?: string; recoveryCode?: string };

/** Posts the credentials to next-auth; undefined when no answer came (offline). */
export function postCredentials(fields: TCredentials) {
  // next-auth/react loads when the form is sent, not with the page (it would be most of this page's JavaScript).
  return callAction(async () => {
    const { signIn } = await import("next-auth/react");
    return signIn("credentials", { ...fields, redirect: false });
  });
}
