"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeReturnTo, signInIcrUser, signOutIcrUser } from "@/lib/registry/auth/session";

const ZSignIn = z.object({
  email: z.string().trim().email("Enter the email address of your ICR account"),
  password: z.string().min(1, "Enter your password"),
  returnTo: z.string().optional(),
});

export type TSignInState = { error?: string; email?: string };

export async function signInAction(_prev: TSignInState, form: FormData): Promise<TSignInState> {
  const parsed = ZSignIn.safeParse(Object.fromEntries(form));
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  const userId = await signInIcrUser(parsed.data.email, parsed.data.password);
  if (!userId) return { error: "Wrong email or password", email };
  redirect(safeReturnTo(parsed.data.returnTo));
}

export async function signOutAction(): Promise<void> {
  await signOutIcrUser();
  redirect("/icr/sign-in");
}
