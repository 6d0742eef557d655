import { Wallet } from "ethers";
import { prisma } from "@/lib/db";

/** Creates the user's custodial wallet; the key is kept only as an encrypted keystore under the PIN. */
export async function createWallet(opts: { userId: string; pin: string }) {
  const wallet = Wallet.createRandom();
  const keystoreJson = await wallet.encrypt(opts.pin);
  return prisma.cmWallet.create({ data: { userId: opts.userId, address: wallet.address, keystoreJson } });
}
