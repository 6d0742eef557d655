// Finishes a wallet KEK rotation: `npm run wallet:rewrap` with WALLET_KEK (new) and
// WALLET_KEK_PREVIOUS (old) set, then remove WALLET_KEK_PREVIOUS. See docs/carbonmark.md.
import { rewrapWalletKeys } from "../lib/carbonmark/wallet/rewrap-wallet-keys.ts";
import { prisma } from "../lib/db.ts";

const counts = await rewrapWalletKeys();
console.log(
  `wallet keys: ${counts.rewrapped} re-wrapped with WALLET_KEK, ${counts.current} already were, ${counts.legacy} still in the old keystore format (migrated at their owner's next PIN)`,
);
await prisma.$disconnect();
