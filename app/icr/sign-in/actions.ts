"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnTo, signInIcrUser, signOutIcrUser, ZIcrSignIn } from "@/lib/registry/auth/session";
import { icrSignInChecks } from "@/lib/registry/auth/sign-in-limits";
import { icrPublicAction, IcrUserError } from "@/lib/registry/web/icr-action-client";
import { clientIpFrom } from "@/lib/security/client-ip";
import { limitFailures } from "@/lib/security/rate-limit";

// Every attempt is counted before the password is checked; only failures use up the budget.
export const signInAction = icrPublicAction.inputSchema(ZIcrSignIn).action(async ({ parsedInput }) => {
  const checks = icrSignInChecks({ email: parsedInput.email, ip: clientIpFrom(await headers()) });
  const userId = await limitFailures(
    checks,
    () => signInIcrUser(parsedInput.email, parsedInput.password),
    (id) => id !== null,
  );
  if (!userId) throw new IcrUserError("Wrong email or password");
  return { redirectTo: safeReturnTo(parsedInput.returnTo) };
});

export async function signOutAction(): Promise<void> {
  await signOutIcrUser();
  redirect("/icr/sign-in");
}
