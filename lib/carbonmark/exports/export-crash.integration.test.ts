// Fault test, Carbonmark side: credits arrive in a wallet (a registry transaction), the wallet
// exports them (Carbonmark's gas top-up, then the wallet's own transaction), and anvil is killed
// (kill -9) before its next snapshot. The replay must bring all three back in their order: the
// export only succeeds after the credits and the gas arrived.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { sendExport } from "@/lib/carbonmark/exports/send-export";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";
import { startCrashableChain } from "@/lib/testing/crashable-chain";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

const chain = await startCrashableChain();
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
afterAll(async () => {
  await icr.close();
  await chain.stop();
  await closeOperatorLock();
});

describe("an export survives a crash of the chain", () => {
  it("kill -9 of anvil after credits arrived and were exported: the replay restores both, in order, once", async () => {
    const user = await ensureCmUser({
      email: "export-crash@test.local",
      name: "E",
      password: "password-123",
      pin: "123456",
    });
    await prisma.cmIcrConnection.create({
      data: { userId: user.id, installationId, organizationId, organizationName: "Verdant" },
    });
    const project = await ensureProject({ num: "p-export-crash", fullName: "Highlands", countryCode: "IS" });
    await chain.snapshot();
    // After the snapshot: the registry's transfer into the wallet, then the wallet's export.
    const { id: creditId } = await ensureIssuance({
      project,
      tokenId: 1,
      vintage: "2021",
      amount: "3",
      holder: user.wallet!.address,
    });
    const done = await sendExport({
      userId: user.id,
      creditId,
      quantity: "2",
      pin: "123456",
      idempotencyKey: randomUUID(),
      destinationAddress: orgAddress,
    });
    expect(done.status).toBe("confirmed");
    const token = carbonCredit(project.contractAddress, provider());

    await chain.killAndRestart();
    expect(await provider().getTransactionReceipt(done.txHash!)).toBeNull(); // the crash lost it
    await chain.recover();

    expect((await provider().getTransactionReceipt(done.txHash!))?.status).toBe(1);
    expect(await token.balanceOf(orgAddress, 1n)).toBe(2n * 10n ** 18n);
    expect(await token.balanceOf(user.wallet!.address, 1n)).toBe(10n ** 18n);
    expect(await provider().getTransactionCount(user.wallet!.address, "latest")).toBe(1); // sent once
  });
});
