// Words about passkeys that both the server and the pages say (no server code here).

/** A wallet whose key exists only under the PIN (legacy keystore): what its owner sees instead of "Use a passkey instead". */
export const LEGACY_WALLET_PASSKEY_MESSAGE =
  "Your passkey cannot confirm transfers yet: this wallet still uses the old PIN-only protection. Enter your PIN once to upgrade it; after that your passkey works here too.";

export const PASSKEY_NAME_MAX = 60;

/** Can a passkey stand in for the PIN on this user's transfers (see passkeyConfirmState)? */
export type TPasskeyConfirmState = "none" | "legacy_wallet" | "available";
