import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUnits, Wallet } from "ethers";
import { carbonCredit, carbonCreditFactory } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { sendExport } from "@/lib/carbonmark/exports/send-export";
import { topUpGas } from "@/lib/carbonmark/exports/top-up-gas";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { indexHoldings } from "@/lib/carbonmark/portfolio/index-holdings";
import { toCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { retireCredits } from "@/lib/carbonmark/retirements/retire-credits";
import { ZRetireCredits } from "@/lib/carbonmark/retirements/schemas";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { anvilKey } from "../../stack/chain.ts";

// A stand-in for ICR: tokens, the org's addresses, and GET /projects listing the registry's project
// contracts (as the sandbox does). The chain is the real (per-file) anvil.
const orgAddress = "0x00000000000000000000000000000000000ab1e5";
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
let icr: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (req.url?.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (req.url === `/organizations/${organizationId}/addresses`)
      return sendJson(res, 200, { addresses: [{ address: orgAddress, isDefault: true }] });
    if (req.url === "/projects") return sendIcrProjects(res);
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

/** An attacker's own ERC-1155 (the same bytecode, so the same functions), minted to the victim wallet. */
async function deployFakeCredits(to: string) {
  const attacker = new Wallet(anvilKey(7), provider());
  const contract = await (
    await carbonCreditFactory(attacker).deploy("Highlands Peatland Restoration", "", attacker.address)
  ).waitForDeployment();
  const address = await contract.getAddress();
  await (await carbonCredit(address, attacker).mint(to, 1n, parseUnits("1000", 18))).wait();
  return address;
}

async function userWithListedAndFakeCredits(email: string) {
  const user = await ensureCmUser({ email, name: "A", password: "password-123", pin: "123456" });
  await prisma.cmIcrConnection.create({
    data: { userId: user.id, installationId, organizationId, organizationName: "Verdant" },
  });
  const project = await ensureProject({ num: `u-${email}`, fullName: "Real Project", countryCode: "IS" });
  const issuance = await ensureIssuance({
    project,
    tokenId: 1,
    vintage: "2021",
    amount: "5",
    holder: user.wallet!.address,
  });
  const fake = await deployFakeCredits(user.wallet!.address);
  return { user, address: user.wallet!.address, listedCreditId: issuance.id, fakeCreditId: toCreditId(fake, 1n), fake };
}

const gasAccount = () => new Wallet(config().CARBONMARK_GAS_KEY).address;

describe("a contract ICR does not list", () => {
  it("is not shown in the portfolio, even with a real project's name", async () => {
    const { user, address, listedCreditId } = await userWithListedAndFakeCredits("fake-1@test.local");
    await indexHoldings({ freshList: true });
    const holdings = await getHoldings({ userId: user.id, address });
    expect(holdings.map((h) => [h.creditId, h.projectName, h.amount])).toEqual([[listedCreditId, "Real Project", "5"]]);
  });

  it("cannot be exported or retired: a clear error, nothing recorded, and no gas spent", async () => {
    const { user, address, fakeCreditId, fake } = await userWithListedAndFakeCredits("fake-2@test.local");
    const gasBefore = await provider().getBalance(gasAccount());
    const walletBefore = await provider().getBalance(address);

    await expect(
      sendExport({
        userId: user.id,
        creditId: fakeCreditId,
        quantity: "1",
        pin: "123456",
        idempotencyKey: randomUUID(),
        destinationAddress: orgAddress,
      }),
    ).rejects.toThrow(/not an ICR credit: its contract is not one ICR lists\. Nothing was sent/);
    const retire = ZRetireCredits.parse({
      creditId: fakeCreditId,
      quantity: "1",
      beneficiary: "Jane Doe",
      reason: "Corsia",
      comment: "",
      pin: "123456",
      idempotencyKey: randomUUID(),
    });
    await expect(retireCredits({ ...retire, userId: user.id })).rejects.toThrow(
      /not an ICR credit: its contract is not one ICR lists/,
    );

    expect(await provider().getBalance(gasAccount())).toBe(gasBefore);
    expect(await provider().getBalance(address)).toBe(walletBefore);
    expect(await carbonCredit(fake, provider()).balanceOf(address, 1n)).toBe(parseUnits("1000", 18));
    expect(await prisma.cmExport.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.cmRetirement.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.cmGasTopUp.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("gas top-ups", () => {
  it("are refused past the daily number per user, before the gas account pays anything", async () => {
    const user = await ensureCmUser({ email: "gas-1@test.local", name: "G", password: "password-123", pin: "123456" });
    const address = user.wallet!.address;
    const perDay = config().CARBONMARK_GAS_TOP_UPS_PER_DAY;
    const topUp = async () => topUpGas({ address, needed: (await provider().getBalance(address)) + 1n });
    for (let i = 0; i < perDay; i++) await topUp();
    expect(await prisma.cmGasTopUp.count({ where: { userId: user.id } })).toBe(perDay);

    const gasBefore = await provider().getBalance(gasAccount());
    await expect(topUp()).rejects.toThrow(new RegExp(`at most ${perDay} transfers or retirements per day`));
    expect(await provider().getBalance(gasAccount())).toBe(gasBefore);

    // Another user still gets theirs: the bound is per user.
    const other = await ensureCmUser({ email: "gas-2@test.local", name: "H", password: "password-123", pin: "123456" });
    await topUpGas({ address: other.wallet!.address, needed: 1n });
    expect(await provider().getBalance(other.wallet!.address)).toBeGreaterThan(0n);
  });
});
