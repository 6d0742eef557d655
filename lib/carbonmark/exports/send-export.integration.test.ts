import { randomUUID } from "node:crypto";
import { connectedHolder } from "@/lib/testing/connected-holder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { sendExport } from "@/lib/carbonmark/exports/send-export";
import { getHoldings } from "@/lib/carbonmark/portfolio/get-holdings";
import { indexHoldings } from "@/lib/carbonmark/portfolio/index-holdings";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// A stand-in for ICR's token and addresses endpoints; the chain is the real (per-file) anvil.
const orgAddress = "0x00000000000000000000000000000000000ab1e5";
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
let icr: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (req.url === "/projects") return sendIcrProjects(res);
    if (req.url?.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (req.url === `/organizations/${organizationId}/addresses`)
      return sendJson(res, 200, { addresses: [{ address: orgAddress, isDefault: true }] });
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

const userHolding = (email: string, amount: string) =>
  connectedHolder({ email, amount, connection: { installationId, organizationId } });

/** The worker's indexer would do this within a pass; here it runs once before reading. */
async function indexThenGetHoldings(opts: { userId: string; address: string }) {
  await indexHoldings({ freshList: true });
  return getHoldings(opts);
}

const balanceOf = (token: string, holder: string) =>
  carbonCredit(token, provider()).balanceOf(holder, 1n) as Promise<bigint>;

describe("export to ICR", () => {
  it("sends once, even when the same request arrives twice, and the holdings follow the chain", async () => {
    const { user, creditId, tokenAddress } = await userHolding("export-1@test.local", "10");
    expect(
      (await indexThenGetHoldings({ userId: user.id, address: user.wallet!.address })).map((h) => h.amount),
    ).toEqual(["10"]);

    const input = {
      userId: user.id,
      creditId,
      quantity: "2.5",
      pin: "123456",
      idempotencyKey: randomUUID(),
      destinationAddress: orgAddress,
    };
    const [a, b] = await Promise.all([sendExport(input), sendExport(input)]);
    expect(a.id).toBe(b.id);
    const again = await sendExport(input);
    expect(again.txHash).toBe(a.txHash);
    expect(again.status).toBe("confirmed");
    expect(await balanceOf(tokenAddress, orgAddress)).toBe(2_500_000_000_000_000_000n);
    expect(
      (await indexThenGetHoldings({ userId: user.id, address: user.wallet!.address })).map((h) => h.amount),
    ).toEqual(["7.5"]);
  });

  it("refuses a wrong PIN, more than held, and a destination that changed, sending nothing", async () => {
    const { user, creditId, tokenAddress } = await userHolding("export-2@test.local", "1");
    const base = { userId: user.id, creditId, quantity: "0.5", pin: "123456", destinationAddress: orgAddress };
    await expect(sendExport({ ...base, pin: "000000", idempotencyKey: randomUUID() })).rejects.toThrow(/Wrong PIN/);
    await expect(sendExport({ ...base, quantity: "2", idempotencyKey: randomUUID() })).rejects.toThrow(/holds only 1/);
    await expect(
      sendExport({ ...base, destinationAddress: "0x" + "1".repeat(40), idempotencyKey: randomUUID() }),
    ).rejects.toThrow(/address has changed/);
    expect(await balanceOf(tokenAddress, user.wallet!.address)).toBe(10n ** 18n);
    expect(await prisma.cmExport.count({ where: { userId: user.id } })).toBe(0);
  });

  it("after a crash between recording and broadcasting, the retry sends exactly one transfer", async () => {
    const { user, creditId, tokenAddress } = await userHolding("export-3@test.local", "3");
    const key = randomUUID();
    // What a crash right after recording the nonce leaves behind: a pending row with a nonce and a hash never broadcast.
    const nonce = await provider().getTransactionCount(user.wallet!.address, "pending");
    await prisma.cmExport.create({
      data: {
        userId: user.id,
        idempotencyKey: key,
        organizationId,
        creditId,
        amount: "1",
        toAddress: orgAddress,
        nonce,
        txHash: "0x" + "ab".repeat(32),
      },
    });
    const done = await sendExport({
      userId: user.id,
      creditId,
      quantity: "1",
      pin: "123456",
      idempotencyKey: key,
      destinationAddress: orgAddress,
    });
    expect(done.status).toBe("confirmed");
    expect(done.nonce).toBe(nonce);
    await sendExport({
      userId: user.id,
      creditId,
      quantity: "1",
      pin: "123456",
      idempotencyKey: key,
      destinationAddress: orgAddress,
    });
    expect(await balanceOf(tokenAddress, user.wallet!.address)).toBe(2n * 10n ** 18n);
  });
});
