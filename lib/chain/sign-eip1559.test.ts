import { type SigningKey, Transaction, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { signEip1559, type TEip1559 } from "@/lib/chain/sign-eip1559";

/** What ethers makes of the same fields, signed with the same key. */
function viaEthers(tx: TEip1559, wallet: { signingKey: SigningKey }) {
  const t = Transaction.from({ type: 2, ...tx, value: tx.value ?? 0n, accessList: [] });
  t.signature = wallet.signingKey.sign(t.unsignedHash);
  return { signedTx: t.serialized, hash: t.hash };
}

describe("signEip1559", () => {
  it("makes the bytes and hash ethers makes, for small and large fields and call data", () => {
    const wallet = Wallet.createRandom();
    const to = Wallet.createRandom().address;
    const cases: TEip1559[] = [
      { chainId: 31337n, nonce: 0, maxPriorityFeePerGas: 0n, maxFeePerGas: 1n, gasLimit: 21_000n, to, data: "0x" },
      { chainId: 1n, nonce: 127, maxPriorityFeePerGas: 127n, maxFeePerGas: 128n, gasLimit: 300_000n, to, data: "0x00" },
      {
        chainId: 137n,
        nonce: 128,
        maxPriorityFeePerGas: 10n ** 9n,
        maxFeePerGas: 5n * 10n ** 9n,
        gasLimit: 9_080_000n,
        to,
        data: "0x7f",
        value: 1n,
      },
      {
        chainId: 80002n,
        nonce: 65_536,
        maxPriorityFeePerGas: 2n ** 80n,
        maxFeePerGas: 2n ** 81n,
        gasLimit: 1n,
        to,
        data: `0x${"ab".repeat(55)}`,
      },
      {
        chainId: 31337n,
        nonce: 3,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 2n,
        gasLimit: 2n,
        to,
        data: `0x${"cd".repeat(56)}`,
      },
      {
        chainId: 31337n,
        nonce: 4,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 2n,
        gasLimit: 2n,
        to,
        data: `0x${"0e".repeat(70_000)}`,
      },
    ];
    for (const tx of cases) {
      const mine = signEip1559(tx, wallet.signingKey);
      expect(mine).toEqual(viaEthers(tx, wallet));
      expect(Transaction.from(mine.signedTx).from).toBe(wallet.address);
    }
  });
});
