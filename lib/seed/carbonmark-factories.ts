import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/crypto/password";
import { createWallet } from "@/lib/carbonmark/wallet/create-wallet";

/** A Carbonmark user (address verified unless `verified: false`), with a wallet under `pin` when one is given. Idempotent by email. */
export async function ensureCmUser(input: {
  email: string;
  name: string;
  password: string;
  pin?: string;
  verified?: boolean;
}) {
  const email = input.email.toLowerCase();
  let user = await prisma.cmUser.findUnique({ where: { email }, include: { wallet: true } });
  user ??= await prisma.cmUser.create({
    data: {
      email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: input.verified === false ? null : new Date(),
    },
    include: { wallet: true },
  });
  if (input.verified !== false && !user.emailVerifiedAt)
    user = await prisma.cmUser.update({
      where: { id: user.id },
      data: { emailVerifiedAt: new Date() },
      include: { wallet: true },
    });
  if (input.pin && !user.wallet) {
    const wallet = await createWallet({ userId: user.id, pin: input.pin });
    user = { ...user, wallet };
  }
  return user;
}
