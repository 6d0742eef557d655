"use server";

import { headers } from "next/headers";
import { publicActionClient } from "@/lib/carbonmark/action-client";
import { passkeyAuthenticationOptions } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { passkeyOptionsChecks } from "@/lib/carbonmark/passkeys/passkey-rate-limit";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow } from "@/lib/security/rate-limit";

/** The second sign-in step's options: no account named, no credential listed (discoverable passkeys). */
export const passkeySignInOptionsAction = publicActionClient.action(async () => {
  await consumeOrThrow(passkeyOptionsChecks({ ip: clientIpFrom(await headers()) }));
  return passkeyAuthenticationOptions({ purpose: "sign_in", userId: null });
});
