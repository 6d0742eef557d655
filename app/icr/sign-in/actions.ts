"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeReturnTo, signInIcrUser, signOutIcrUser } from "@/lib/registry/auth/session";
import { icrSignInChecks } from "@/lib/registry/auth/sign-in-limits";
import { clientIpFrom } from "@/lib/security/client-ip";
import { firstRepeatedField } from "@/lib/security/form-fields";
import { limitFailures, RateLimitedError } from "@/lib/security/rate-limit";

const ZSignIn = z.object({
  email: z.string().trim().email("Enter the email address of your ICR account"),
  password: z.string().min(1, "Enter your password").max(200),
  returnTo: z.string().optional(),
});

export type TSignInState = { error?: string; email?: string };

export async function signInAction(_prev: TSignInState, form: FormData): Promise<TSignInState> {
  // The check and the sign-in both read parsed.data; a repeated field is refused all the same.
  const repeated = firstRepeatedField([...form.keys()].filter((k) => k in ZSignIn.shape));
  if (repeated) return { error: `The field "${repeated}" was sent more than once.` };
  const parsed = ZSignIn.safeParse(Object.fromEntries(form));
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  // Every attempt is counted before the password is checked; only failures use up the budget.
  let userId: string | null;
  try {
    const checks = icrSignInChecks({ email: parsed.data.email, ip: clientIpFrom(await headers()) });
    userId = await limitFailures(
      checks,
      () => signInIcrUser(parsed.data.email, parsed.data.password),
      (id) => id !== null,
    );
  } catch (err) {
    if (err instanceof RateLimitedError) return { error: err.message, email };
    throw err;
  }
  if (!userId) return { error: "Wrong email or password", email };
  redirect(safeReturnTo(parsed.data.returnTo));
}

export async function signOutAction(): Promise<void> {
  await signOutIcrUser();
  redirect("/icr/sign-in");
}
