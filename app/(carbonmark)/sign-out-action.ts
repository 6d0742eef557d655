"use server";

import { redirect } from "next/navigation";
import { signOutThisBrowser } from "@/lib/carbonmark/auth/sign-out";

/** The header's "Sign out" form: a plain POST, so it works before and without JavaScript. */
export async function signOutAction(): Promise<void> {
  await signOutThisBrowser();
  redirect("/sign-in");
}
