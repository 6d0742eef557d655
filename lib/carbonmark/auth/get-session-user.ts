import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { prisma } from "@/lib/db";

const ZSessionUser = z.object({ id: z.uuid(), email: z.string(), name: z.string().nullish() });
export type TSessionUser = { id: string; email: string; name: string; emailVerified: boolean };

/** The signed-in Carbonmark user (checked against the database), or null. */
export async function getSessionUser(): Promise<TSessionUser | null> {
  const session = await getServerSession(authOptions);
  const parsed = ZSessionUser.safeParse(session?.user);
  if (!parsed.success) return null;
  const user = await prisma.cmUser.findUnique({
    where: { id: parsed.data.id },
    select: { id: true, email: true, name: true, emailVerifiedAt: true, frozenAt: true },
  });
  if (!user || user.frozenAt) return null;
  return { id: user.id, email: user.email, name: user.name, emailVerified: !!user.emailVerifiedAt };
}

/** For pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages that need the wallet: users without one set their PIN first. */
export async function requireUserWithWallet(returnTo: string) {
  const user = await requireUser(returnTo);
  const wallet = await prisma.cmWallet.findUnique({
    where: { userId: user.id },
    select: { address: true, pinLockedUntil: true },
  });
  if (!wallet) redirect(`/wallet/set-pin?next=${encodeURIComponent(returnTo)}`);
  return { user, wallet };
}
