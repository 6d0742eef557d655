// The chain's own pace for one sender, best effort (the baseline of the processing figures): value
// transfers signed locally with explicit nonce, gas and fees, all sent without awaiting each, then
// the last awaited. The sender is a funded anvil account of its own: the operator's transactions
// must all be in the chain log (lib/chain/tx-log.ts), or a chain rebuilt from the log would have a
// nonce gap.
import { anvilKey } from "../../lib/stack/chain.ts";

/** Transfers per second of `n` raw one-sender value transfers. */
export async function rawOneSenderRate(n: number): Promise<number> {
  const { Wallet } = await import("ethers");
  const { provider } = await import("../../lib/chain/provider.ts");
  const p = provider();
  const op = new Wallet(anvilKey(9), p);
  const first = await p.getTransactionCount(op.address, "pending");
  const chainId = (await p.getNetwork()).chainId;
  const baseFee = (await p.getBlock("latest"))?.baseFeePerGas ?? 1_000_000_000n;
  const fees = { maxFeePerGas: baseFee * 4n + 1_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };
  const targets = Array.from({ length: n }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
  const t0 = performance.now();
  const raw: string[] = [];
  for (let i = 0; i < n; i++)
    raw.push(
      await op.signTransaction({
        type: 2,
        chainId,
        to: targets[i],
        value: 1n,
        nonce: first + i,
        gasLimit: 21_000n,
        ...fees,
      }),
    );
  const sent = await Promise.all(raw.map((tx) => p.broadcastTransaction(tx)));
  while (!(await p.getTransactionReceipt(sent[n - 1].hash))) await new Promise((r) => setTimeout(r, 5));
  return n / ((performance.now() - t0) / 1000);
}
