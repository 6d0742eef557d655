"use server";

import { headers } from "next/headers";
import { signUpChecks } from "@/lib/carbonmark/auth/rate-limits";
import { publicActionClient } from "@/lib/carbonmark/action-client";
import { signUp, ZSignUp } from "@/lib/carbonmark/users/sign-up";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeOrThrow } from "@/lib/security/rate-limit";

export const signUpAction = publicActionClient.inputSchema(ZSignUp).action(async ({ parsedInput }) => {
  await consumeOrThrow(signUpChecks({ ip: clientIpFrom(await headers()) }));
  return signUp(parsedInput);
});
