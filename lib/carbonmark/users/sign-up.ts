import { z } from "zod";
import { prisma } from "@/lib/db";
import { hashPassword, ZNewPassword } from "@/lib/crypto/password";
import { queueVerificationMail } from "@/lib/carbonmark/account/verify-email";

export const ZSignUp = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: z.email("Enter a valid email address").trim().toLowerCase(),
  password: ZNewPassword,
});
export type TSignUp = z.infer<typeof ZSignUp>;

/**
 * Creates a Carbonmark account (the wallet comes later, with the PIN). An email that already has an
 * account gets the very same answer, after the same work (one bcrypt hash), and nothing changes:
 * the form then signs in with the password given, which works only for the account's owner
 * (docs/carbonmark.md, "Sign-up and existing emails"). A new account gets the mail that confirms its
 * address; until then it cannot connect to ICR or move credits (docs/account-security.md).
 */
export async function signUp(input: TSignUp): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (db) => {
    const made = await db.cmUser.createManyAndReturn({
      data: [{ name: input.name, email: input.email, passwordHash }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (made[0]) await queueVerificationMail(db, { userId: made[0].id });
  });
  return { email: input.email };
}
