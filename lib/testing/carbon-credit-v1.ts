// A project contract as deployed before CarbonCredit version 2 (lib/testing/CarbonCreditV1.sol:
// no VERSION, no moveBatch, the three-argument retire), for tests of the paths that keep one
// transaction per request. Compiled with solc from npm on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ContractFactory, Interface } from "ethers";
import { operatorWallet, sendAsOperator } from "@/lib/chain/operator";
import { prisma } from "@/lib/db";
import { ensureIcrUser, ensureIssuance, ensureOrganization } from "@/lib/seed/registry-factories";

const require = createRequire(import.meta.url);
let compiled: { abi: Interface; bytecode: string } | undefined;

function compileV1() {
  if (compiled) return compiled;
  const solc = require("solc") as { compile(input: string, opts: unknown): string };
  const content = readFileSync(path.join(import.meta.dirname, "CarbonCreditV1.sol"), "utf8");
  const input = {
    language: "Solidity",
    sources: { "CarbonCreditV1.sol": { content } },
    settings: { evmVersion: "cancun", outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const findImports = (p: string) => ({ contents: readFileSync(require.resolve(p), "utf8") });
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as {
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
  };
  const c = out.contracts["CarbonCreditV1.sol"].CarbonCredit;
  compiled = { abi: new Interface(c.abi as never), bytecode: `0x${c.evm.bytecode.object}` };
  return compiled;
}

/** An organization holding 10 credits of token 1 on a version-1 project contract, and an admin of it. */
export async function orgWithV1Credits(label: string) {
  const { abi, bytecode } = compileV1();
  const org = await ensureOrganization({ fullName: `Org ${label}`, countryCode: "IS", type: "projectProponent" });
  const address = org.addresses.find((a) => a.isDefault)!.address;
  const operator = operatorWallet();
  const deployTx = await new ContractFactory(abi, bytecode, operator).getDeployTransaction("V1", "", operator.address);
  const deployed = await sendAsOperator(deployTx, "deploy");
  const tokenAddress = deployed.contractAddress!;
  await sendAsOperator(
    { to: tokenAddress, data: abi.encodeFunctionData("setCustodial", [[address], true]) },
    "setCustodial",
  );
  const project = await prisma.icrProject.create({
    data: { num: `P-${label}`, fullName: `Project ${label}`, countryCode: "IS", contractAddress: tokenAddress },
  });
  const credit = await ensureIssuance({
    project: { ...project, contractAddress: tokenAddress },
    tokenId: 1,
    vintage: "2021",
    amount: "10",
    holder: address,
  });
  const admin = await ensureIcrUser({
    email: `admin-${label}@test.icr`,
    name: "Admin",
    password: "pw-admin-123",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  return { org, project, address, credit, admin };
}
