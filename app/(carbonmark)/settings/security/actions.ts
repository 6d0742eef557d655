"use server";

import { authedActionClient, pinActionClient } from "@/lib/carbonmark/action-client";
import { passkeyAuthenticationOptions, ZSignedInPasskeyOptions } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import {
  removePasskey,
  renewRecoveryCodes,
  ZRemovePasskey,
  ZRenewRecoveryCodes,
} from "@/lib/carbonmark/passkeys/manage-passkeys";
import {
  finishPasskeyRegistration,
  startPasskeyRegistration,
  ZFinishPasskeyRegistration,
  ZStartPasskeyRegistration,
} from "@/lib/carbonmark/passkeys/register-passkey";

// Passkey ceremonies of a signed-in user. Steps that check something guessable (the PIN, a
// recovery code) go through the PIN budget (pinActionClient); the others need the session only.

/** Options for a passkey to answer: `confirm` (in place of the PIN, passkey settings) or `pin_reset`. */
export const passkeyOptionsAction = authedActionClient
  .inputSchema(ZSignedInPasskeyOptions)
  .action(({ ctx, parsedInput }) =>
    passkeyAuthenticationOptions({ purpose: parsedInput.purpose, userId: ctx.user.id }),
  );

export const startAddPasskeyAction = pinActionClient
  .inputSchema(ZStartPasskeyRegistration)
  .action(({ ctx, parsedInput }) => startPasskeyRegistration({ userId: ctx.user.id, pin: parsedInput.pin }));

export const finishAddPasskeyAction = authedActionClient
  .inputSchema(ZFinishPasskeyRegistration)
  .action(async ({ ctx, parsedInput }) => {
    const { recoveryCodes } = await finishPasskeyRegistration({ userId: ctx.user.id, ...parsedInput });
    return { recoveryCodes };
  });

export const removePasskeyAction = pinActionClient
  .inputSchema(ZRemovePasskey)
  .action(async ({ ctx, parsedInput: { passkeyId, ...proof } }) =>
    removePasskey({ userId: ctx.user.id, passkeyId, proof }),
  );

export const renewRecoveryCodesAction = authedActionClient
  .inputSchema(ZRenewRecoveryCodes)
  .action(async ({ ctx, parsedInput }) => ({
    recoveryCodes: await renewRecoveryCodes({ userId: ctx.user.id, passkey: parsedInput.passkey }),
  }));
