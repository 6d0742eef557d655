import { Contract, ContractFactory, Interface, ZeroHash, type ContractRunner, type InterfaceAbi } from "ethers";
import artifact from "@/contracts/build/CarbonCredit.json" with { type: "json" };

export const CARBON_CREDIT_ABI = artifact.abi as InterfaceAbi;

const current = new Interface(CARBON_CREDIT_ABI);
/** Contracts deployed before version 2: `retire` without a details commitment, no `moveBatch`. */
const version1 = new Interface(["function retire(address account, uint256 tokenId, uint256 amount)"]);

export function carbonCredit(address: string, runner: ContractRunner): Contract {
  return new Contract(address, CARBON_CREDIT_ABI, runner);
}

export function carbonCreditFactory(runner: ContractRunner & { sendTransaction?: unknown }): ContractFactory {
  return new ContractFactory(CARBON_CREDIT_ABI, artifact.bytecode, runner as never);
}

const versions = new Map<string, Promise<number>>();

/**
 * The contract's `VERSION` (2 and up), or 1 for contracts deployed before it existed (the call
 * reverts). Contracts never change version, so the answer is kept per address; a failed read is not.
 */
export function carbonCreditVersion(address: string, runner: ContractRunner): Promise<number> {
  const key = address.toLowerCase();
  let known = versions.get(key);
  if (!known) {
    known = readVersion(address, runner);
    versions.set(key, known);
    known.catch(() => versions.delete(key));
  }
  return known;
}

async function readVersion(address: string, runner: ContractRunner): Promise<number> {
  const data = current.encodeFunctionData("VERSION");
  const answer = await runner.call!({ to: address, data }).catch((e: unknown) => {
    if ((e as { code?: string }).code === "CALL_EXCEPTION") return "0x";
    throw e;
  });
  if (answer === "0x") return 1;
  return Number(current.decodeFunctionResult("VERSION", answer)[0]);
}

/** Call data of a retirement, for the contract's version (a commitment binds the details from version 2). */
export function retireCallData(
  version: number,
  args: { account: string; tokenId: bigint; units: bigint; commitment?: string },
): string {
  if (version < 2) return version1.encodeFunctionData("retire", [args.account, args.tokenId, args.units]);
  return current.encodeFunctionData("retire", [args.account, args.tokenId, args.units, args.commitment ?? ZeroHash]);
}
