import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/crypto/password";
import { createWallet } from "@/lib/carbonmark/wallet/create-wallet";

/** A Carbonmark user, with a wallet under `pin` when one is given. Idempotent by email. */
export async function ensureCmUser(input: { email: string; name: string; password: string; pin?: string }) {
  const email = input.email.toLowerCase();
  let user = await prisma.cmUser.findUnique({ where: { email }, include: { wallet: true } });
  user ??= await prisma.cmUser.create({
    data: { email, name: input.name, passwordHash: await hashPassword(input.password) },
    include: { wallet: true },
  });
  if (input.pin && !user.wallet) {
    const wallet = await createWallet({ userId: user.id, pin: input.pin });
    user = { ...user, wallet };
  }
  return user;
}
