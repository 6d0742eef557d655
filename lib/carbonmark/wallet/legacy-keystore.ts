import { createDecipheriv } from "node:crypto";
import { keccak256 } from "ethers";
import { z } from "zod";
import { scryptAsync } from "@/lib/crypto/scrypt";

// Wallets made before keys were wrapped by the KEK kept their key only as an ethers (Web3 v3) keystore under
// the PIN. This opens one with Node's thread-pool scrypt instead of ethers' event-loop-blocking one.
const ZKeystore = z.object({
  crypto: z.object({
    cipher: z.literal("aes-128-ctr"),
    cipherparams: z.object({ iv: z.string() }),
    ciphertext: z.string(),
    kdf: z.literal("scrypt"),
    kdfparams: z.object({
      salt: z.string(),
      n: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
      dklen: z.literal(32),
    }),
    mac: z.string(),
  }),
});

const hex = (s: string) => Buffer.from(s.replace(/^0x/, ""), "hex");

/** The private key (0x hex), or null when the PIN is wrong. */
export async function openLegacyKeystore(keystoreJson: string, pin: string): Promise<string | null> {
  const json = JSON.parse(keystoreJson) as { crypto?: unknown; Crypto?: unknown };
  const { crypto } = ZKeystore.parse({ crypto: json.crypto ?? json.Crypto }); // ethers writes "Crypto"
  const { salt, n, r, p } = crypto.kdfparams;
  const derived = await scryptAsync(Buffer.from(pin.normalize("NFKD"), "utf8"), hex(salt), 32, { N: n, r, p });
  const ciphertext = hex(crypto.ciphertext);
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext])).slice(2);
  if (mac !== crypto.mac.toLowerCase().replace(/^0x/, "")) return null;
  const decipher = createDecipheriv("aes-128-ctr", derived.subarray(0, 16), hex(crypto.cipherparams.iv));
  return `0x${Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("hex")}`;
}
