import { parseUnits } from "ethers";
import { carbonCredit, carbonCreditFactory, CARBON_CREDIT_ABI } from "@/lib/chain/carbon-credit";
import { sendAsOperator, operatorWallet } from "@/lib/chain/operator";
import { CREDIT_DECIMALS } from "@/lib/amount-units";
import { provider } from "@/lib/chain/provider";
import { replayChainLog } from "@/lib/chain/replay-chain-log";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { Interface } from "ethers";

const iface = new Interface(CARBON_CREDIT_ABI);

async function sendCall(to: string, fn: string, args: unknown[]) {
  const receipt = await sendAsOperator({ to, data: iface.encodeFunctionData(fn, args) }, fn);
  if (receipt.status !== 1) throw new Error(`${fn} on ${to} failed`);
  return receipt;
}

/** Deploys the project's ERC-1155 contract (once) and registers every org address as custodial. */
export async function deployProjectContract(projectId: string): Promise<string> {
  const project = await prisma.icrProject.findUniqueOrThrow({ where: { id: projectId } });
  if (project.contractAddress) {
    // Code missing after a chain reset: replaying the logged deploy (same sender and nonce) brings it back at the same address.
    if ((await provider().getCode(project.contractAddress)) === "0x")
      await replayChainLog({ reason: `contract of project ${project.num} missing on chain` });
    if ((await provider().getCode(project.contractAddress)) !== "0x") return project.contractAddress;
    logger.error(
      { project: project.num, address: project.contractAddress },
      "project contract missing on chain and not in the chain log; deploying a new one",
    );
  }
  const operator = operatorWallet();
  const deployTx = await carbonCreditFactory(operator).getDeployTransaction(project.fullName, "", operator.address);
  const receipt = await sendAsOperator(deployTx, "deploy");
  if (!receipt.contractAddress) throw new Error(`deploying the contract of project ${project.num} failed`);
  const address = receipt.contractAddress;
  const orgAddresses = await prisma.icrOrgAddress.findMany({ select: { address: true } });
  if (orgAddresses.length) await sendCall(address, "setCustodial", [orgAddresses.map((a) => a.address), true]);
  await prisma.icrProject.update({ where: { id: projectId }, data: { contractAddress: address } });
  return address;
}

export async function setCustodialOnAllProjects(addresses: string[]): Promise<void> {
  const projects = await prisma.icrProject.findMany({ where: { contractAddress: { not: null } } });
  for (const p of projects) await sendCall(p.contractAddress!, "setCustodial", [addresses, true]);
}

/** Mints `amount` credits (a decimal string) of a token id to an address. */
export async function mintCredits(opts: { tokenAddress: string; tokenId: string; to: string; amount: string }) {
  return sendCall(opts.tokenAddress, "mint", [opts.to, BigInt(opts.tokenId), parseUnits(opts.amount, CREDIT_DECIMALS)]);
}

export function creditContract(address: string) {
  return carbonCredit(address, provider());
}
