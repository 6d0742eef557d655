// Factories for registry data, shared by the demo seed and the tests. Each is idempotent:
// called twice with the same natural key it returns what exists and adds nothing.
import { formatUnits } from "ethers";
import { createPublicKey } from "node:crypto";
import { prisma } from "@/lib/db";
import { CREDIT_DECIMALS } from "@/lib/amount-units";
import type { IcrOrganizationType, IcrRole } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/crypto/password";
import { createOrganization } from "@/lib/registry/create-organization";
import { creditContract, deployProjectContract, mintCredits } from "@/lib/registry/projects";

export async function ensureOrganization(input: {
  fullName: string;
  countryCode: string;
  type: IcrOrganizationType;
  city?: string;
  website?: string;
}) {
  const existing = await prisma.icrOrganization.findFirst({
    where: { fullName: input.fullName },
    include: { addresses: true },
  });
  return existing ?? createOrganization(input);
}

export async function ensureIcrUser(input: {
  email: string;
  name: string;
  password: string;
  memberships: { organizationId: string; role: IcrRole }[];
}) {
  const email = input.email.toLowerCase();
  let user = await prisma.icrUser.findUnique({ where: { email } });
  user ??= await prisma.icrUser.create({
    data: { email, name: input.name, passwordHash: await hashPassword(input.password) },
  });
  for (const m of input.memberships) {
    await prisma.icrMembership.upsert({
      where: { userId_organizationId: { userId: user.id, organizationId: m.organizationId } },
      create: { userId: user.id, ...m },
      update: {},
    });
  }
  return user;
}

export async function ensureProject(input: { num: string; fullName: string; countryCode: string }) {
  const project = await prisma.icrProject.upsert({ where: { num: input.num }, create: input, update: {} });
  const contractAddress = await deployProjectContract(project.id);
  return { ...project, contractAddress };
}

/** Registers a token id (an issuance batch) and, if the holder has none of it yet, mints `amount` to it. */
export async function ensureIssuance(input: {
  project: { id: string; contractAddress: string; num: string; countryCode: string };
  tokenId: number;
  vintage: string;
  amount: string;
  holder: string;
}) {
  const { project, tokenId, vintage, amount, holder } = input;
  const tokenAddress = project.contractAddress;
  const serialization = `ICR-${project.countryCode === "IS" ? "ISL" : project.countryCode}-${project.num}-${78000 + tokenId}-${tokenId}-R-0-${vintage}`;
  const id = `exPost-${tokenId}-${tokenAddress}`;
  const credit = await prisma.icrCredit.upsert({
    where: { id },
    create: { id, projectId: project.id, tokenId: String(tokenId), tokenAddress, serialization, vintage, supply: "0" },
    update: {},
  });
  const balance = (await creditContract(tokenAddress).balanceOf(holder, BigInt(tokenId))) as bigint;
  if (balance === 0n) {
    await mintCredits({ tokenAddress, tokenId: String(tokenId), to: holder, amount });
    await prisma.icrCredit.update({ where: { id }, data: { supply: { increment: amount } } });
  }
  return { ...credit, balance: formatUnits(balance, CREDIT_DECIMALS) };
}

/**
 * Registers an app once. A registered app's settings (keys, webhook URL and secret, callback URLs)
 * belong to its owner and are never overwritten by a later seed: several instances seeding one
 * database must not redirect each other's webhooks. `matchesInput` tells the caller whether the
 * registered key and callback URL are the ones it was given.
 */
export async function ensureApp(input: {
  id: string;
  nameId: string;
  name: string;
  description: string;
  privateKeyPem: string;
  callbackUrls: string[];
  webhookUrl: string;
  webhookSecret: string;
}) {
  const publicKeyPem = createPublicKey(input.privateKeyPem).export({ type: "spki", format: "pem" }).toString();
  const data = {
    nameId: input.nameId,
    name: input.name,
    description: input.description,
    publicKeyPem,
    callbackUrls: input.callbackUrls,
    webhookUrl: input.webhookUrl,
    webhookSecret: input.webhookSecret,
    permissions: ["organization_info:read", "organization_inventory:read_write"],
  };
  await prisma.icrApp.createMany({ data: [{ id: input.id, ...data }], skipDuplicates: true });
  const app = await prisma.icrApp.findUniqueOrThrow({ where: { id: input.id } });
  const isSameSecret =
    (await prisma.icrApp.count({ where: { id: input.id, webhookSecret: input.webhookSecret } })) === 1;
  const matchesInput =
    isSameSecret && app.publicKeyPem === publicKeyPem && input.callbackUrls.every((u) => app.callbackUrls.includes(u));
  return { ...app, matchesInput };
}
