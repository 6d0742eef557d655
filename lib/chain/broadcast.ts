import { provider } from "@/lib/chain/provider";

/**
 * Broadcasts a signed transaction; "already known" counts as success (the same bytes are in the
 * node). Sent as the raw JSON-RPC call: ethers' broadcastTransaction parses and re-serializes the
 * bytes to build a response nobody reads (tens of ms for a batch's call data).
 */
export async function broadcastSigned(signedTx: string): Promise<void> {
  try {
    await provider().send("eth_sendRawTransaction", [signedTx]);
  } catch (err) {
    const msg = String((err as Error).message ?? err).toLowerCase();
    if (msg.includes("already known") || msg.includes("already imported") || msg.includes("known transaction")) return;
    throw err;
  }
}
