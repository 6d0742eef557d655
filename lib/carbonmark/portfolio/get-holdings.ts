import { getAddress, id, zeroPadValue } from "ethers";
import { fromBaseUnits } from "@/lib/amount";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { listedCreditContracts } from "@/lib/carbonmark/credits/listed-credits";
import { parseCreditId, toCreditId } from "@/lib/carbonmark/portfolio/credit-id";

export type THolding = { creditId: string; tokenAddress: string; tokenId: string; projectName: string; vintage: string; serialization: string; amount: string };

const TRANSFER_SINGLE = id("TransferSingle(address,address,address,uint256,uint256)");

/**
 * Holdings are chain balances. Candidate (contract, token id) pairs come from the user's imports
 * and exports and from every ERC-1155 TransferSingle to the wallet; each is read with balanceOf.
 */
export async function getHoldings(opts: { userId: string; address: string }): Promise<THolding[]> {
  const [imports, exports] = await Promise.all([
    prisma.cmImport.findMany({ where: { userId: opts.userId }, select: { creditId: true, projectName: true, vintage: true, serialization: true }, orderBy: { createdAt: "desc" } }),
    prisma.cmExport.findMany({ where: { userId: opts.userId }, select: { creditId: true } }),
  ]);
  const meta = new Map<string, { projectName: string; vintage: string; serialization: string }>();
  for (const i of imports) if (!meta.has(i.creditId)) meta.set(i.creditId, i);

  const candidates = new Set<string>([...imports.map((i) => i.creditId), ...exports.map((e) => e.creditId)].filter((c) => parseCreditId(c)));
  for (const c of await creditsTransferredTo(opts.address)) candidates.add(c);
  // Only contracts ICR lists as its credits: anyone can deploy an ERC-1155 and send it here.
  const listed = await listedCreditContracts();
  for (const c of candidates) if (!listed.has(parseCreditId(c)!.tokenAddress.toLowerCase())) candidates.delete(c);

  const holdings = await Promise.all(
    [...candidates].map(async (creditId) => {
      const { tokenAddress, tokenId } = parseCreditId(creditId)!;
      const contract = carbonCredit(tokenAddress, provider());
      const balance = (await contract.balanceOf(opts.address, BigInt(tokenId)).catch(() => 0n)) as bigint;
      if (balance === 0n) return undefined;
      const known = meta.get(creditId) ?? { projectName: listed.get(tokenAddress.toLowerCase())!.projectName, vintage: "—", serialization: "—" };
      return { creditId, tokenAddress, tokenId, ...known, amount: fromBaseUnits(balance) };
    }),
  );
  return holdings.filter((h): h is THolding => !!h).sort((a, b) => a.projectName.localeCompare(b.projectName) || a.vintage.localeCompare(b.vintage));
}

async function creditsTransferredTo(address: string): Promise<string[]> {
  const logs = await provider().getLogs({ fromBlock: 0, toBlock: "latest", topics: [TRANSFER_SINGLE, null, null, zeroPadValue(getAddress(address), 32)] });
  return logs.map((log) => toCreditId(getAddress(log.address), BigInt(log.data.slice(0, 66))));
}
