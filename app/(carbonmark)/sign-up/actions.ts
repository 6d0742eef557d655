"use server";

import { publicActionClient } from "@/lib/carbonmark/action-client";
import { signUp, ZSignUp } from "@/lib/carbonmark/users/sign-up";

export const signUpAction = publicActionClient.inputSchema(ZSignUp).action(async ({ parsedInput }) => {
  const user = await signUp(parsedInput);
  return { email: user.email };
});
