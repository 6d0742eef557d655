import { Contract, ContractFactory, type ContractRunner, type InterfaceAbi } from "ethers";
import artifact from "@/contracts/build/CarbonCredit.json" with { type: "json" };

export const CARBON_CREDIT_ABI = artifact.abi as InterfaceAbi;

export function carbonCredit(address: string, runner: ContractRunner): Contract {
  return new Contract(address, CARBON_CREDIT_ABI, runner);
}

export function carbonCreditFactory(runner: ContractRunner & { sendTransaction?: unknown }): ContractFactory {
  return new ContractFactory(CARBON_CREDIT_ABI, artifact.bytecode, runner as never);
}
