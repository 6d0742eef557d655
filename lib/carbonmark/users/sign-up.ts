import { z } from "zod";
import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/crypto/password";
import { CmUserError } from "@/lib/carbonmark/errors";

export const ZSignUp = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: z.email("Enter a valid email address").trim().toLowerCase(),
  password: z.string().min(8, "Use at least 8 characters").max(200),
});
export type TSignUp = z.infer<typeof ZSignUp>;

/** Creates a Carbonmark account. The wallet comes later, with the PIN. */
export async function signUp(input: TSignUp) {
  const existing = await prisma.cmUser.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new CmUserError("An account with this email already exists. Sign in instead.", "conflict");
  try {
    return await prisma.cmUser.create({ data: { name: input.name, email: input.email, passwordHash: await hashPassword(input.password) }, select: { id: true, email: true } });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw new CmUserError("An account with this email already exists. Sign in instead.", "conflict");
    throw err;
  }
}
