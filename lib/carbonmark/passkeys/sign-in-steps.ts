// The answers the sign-in form tells apart (next-auth's `error`), shared by server and form. Each
// comes only after the right password, so none says anything about an e-mail address.
export const SIGN_IN_STEP = {
  /** The password is right; this account needs one of its passkeys (or a recovery code) too. */
  passkeyRequired: "passkey_required",
  /** The password is right, the passkey's answer is not (another account's, used, expired, bad signature). */
  passkeyFailed: "passkey_failed",
  /** The password is right, the recovery code is not (wrong or used). */
  recoveryCodeFailed: "recovery_code_failed",
  /** Something failed on our side while checking the second step. */
  unavailable: "sign_in_unavailable",
} as const;
