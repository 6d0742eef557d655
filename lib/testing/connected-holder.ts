import { prisma } from "@/lib/db";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";

export const HOLDER_PIN = "123456";

/**
 * A Carbonmark user as the tests of moves need one: a wallet under HOLDER_PIN, connected to the
 * test's ICR organization, and `amount` of token 1 of a project of its own (vintage 2021) sent to
 * the wallet (or to `holder`).
 */
export async function connectedHolder(opts: {
  email: string;
  amount: string;
  connection: { installationId: string; organizationId: string; organizationName?: string };
  name?: string;
  holder?: string;
}) {
  const user = await ensureCmUser({
    email: opts.email,
    name: opts.name ?? "Erin",
    password: "password-123",
    pin: HOLDER_PIN,
  });
  const address = user.wallet!.address;
  await prisma.cmIcrConnection.create({
    data: { userId: user.id, organizationName: "Verdant", ...opts.connection },
  });
  const project = await ensureProject({ num: `p-${opts.email}`, fullName: "Highlands", countryCode: "IS" });
  const issuance = await ensureIssuance({
    project,
    tokenId: 1,
    vintage: "2021",
    amount: opts.amount,
    holder: opts.holder ?? address,
  });
  return { user, address, creditId: issuance.id, tokenAddress: project.contractAddress };
}
