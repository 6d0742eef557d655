import { randomBytes } from "node:crypto";
import { Wallet } from "ethers";
import { prisma } from "@/lib/db";
import { hashPin } from "@/lib/carbonmark/wallet/pin-hash";
import { sealWalletKey } from "@/lib/carbonmark/wallet/wallet-key";

/** Creates the user's custodial wallet: its key wrapped with the server's KEK, the PIN kept as a peppered hash. */
export async function createWallet(opts: { userId: string; pin: string }) {
  // A bare key from Node's CSPRNG (no mnemonic: nothing would ever show it, and deriving one blocks the loop).
  const wallet = new Wallet(`0x${randomBytes(32).toString("hex")}`);
  const keyWrapped = sealWalletKey({ userId: opts.userId, wallet });
  const pinHash = await hashPin({ userId: opts.userId, pin: opts.pin });
  return prisma.cmWallet.create({ data: { userId: opts.userId, address: wallet.address, keyWrapped, pinHash } });
}
