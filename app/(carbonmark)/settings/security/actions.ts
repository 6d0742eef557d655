"use server";

import { z } from "zod";
import { authedActionClient, pinActionClient } from "@/lib/carbonmark/action-client";
import { passkeyAuthenticationOptions } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { removePasskey, renewRecoveryCodes, ZRemovePasskey } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { ZPasskeyAssertion, ZPasskeyName, ZRegistrationResponse } from "@/lib/carbonmark/passkeys/passkey-schemas";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/carbonmark/passkeys/register-passkey";
import { ZPin } from "@/lib/carbonmark/wallet/pin";

// Passkey ceremonies of a signed-in user. Steps that check something guessable (the PIN, a
// recovery code) go through the PIN budget (pinActionClient); the others need the session only.

/** Options for a passkey to answer: `confirm` (in place of the PIN, passkey settings) or `pin_reset`. */
export const passkeyOptionsAction = authedActionClient
  .inputSchema(z.object({ purpose: z.enum(["confirm", "pin_reset"]) }))
  .action(({ ctx, parsedInput }) =>
    passkeyAuthenticationOptions({ purpose: parsedInput.purpose, userId: ctx.user.id }),
  );

export const startAddPasskeyAction = pinActionClient
  .inputSchema(z.object({ pin: ZPin, name: ZPasskeyName }))
  .action(({ ctx, parsedInput }) => startPasskeyRegistration({ userId: ctx.user.id, pin: parsedInput.pin }));

export const finishAddPasskeyAction = authedActionClient
  .inputSchema(z.object({ challengeId: z.uuid(), response: ZRegistrationResponse, name: ZPasskeyName }))
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
  .inputSchema(z.object({ passkey: ZPasskeyAssertion }))
  .action(async ({ ctx, parsedInput }) => ({
    recoveryCodes: await renewRecoveryCodes({ userId: ctx.user.id, passkey: parsedInput.passkey }),
  }));
