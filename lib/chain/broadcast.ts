import { provider } from "@/lib/chain/provider";

/** Broadcasts a signed transaction; "already known" counts as success (the same bytes are in the node). */
export async function broadcastSigned(signedTx: string): Promise<void> {
  try {
    await provider().broadcastTransaction(signedTx);
  } catch (err) {
    const msg = String((err as Error).message ?? err).toLowerCase();
    if (msg.includes("already known") || msg.includes("already imported") || msg.includes("known transaction")) return;
    throw err;
  }
}
