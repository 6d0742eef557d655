import { z } from "zod";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";

export const ZSignIn = z.object({ email: z.email().trim().toLowerCase(), password: z.string().min(1).max(200) });

/** What next-auth reports to the sign-in form (as `error`) when the right password meets a frozen account. */
export const ACCOUNT_FROZEN_ERROR = "AccountFrozen";

/**
 * The user for an email and password, or null (same answer, same time, for unknown email and wrong
 * password). A frozen account is refused even with the right password (thrown: the form says why).
 */
export async function verifyCredentials(
  input: unknown,
): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return null;
  const user = await prisma.cmUser.findUnique({ where: { email: parsed.data.email }, omit: { passwordHash: false } });
  // Unknown emails cost one bcrypt comparison too (verifyPassword), so timing does not reveal them.
  if (!(await verifyPassword(parsed.data.password, user?.passwordHash)) || !user) return null;
  if (user.frozenAt) throw new Error(ACCOUNT_FROZEN_ERROR);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
