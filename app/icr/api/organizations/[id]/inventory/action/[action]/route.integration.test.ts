import { afterAll, describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { creditContract } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { declineRequest } from "@/lib/registry/requests/decline-request";
import { processRequest } from "@/lib/registry/requests/process-request";
import { invalidateBalances } from "@/lib/registry/inventory/chain-balances";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { ensureOrganization } from "@/lib/seed/registry-factories";
import { POST } from "./route";
import { GET as getInventory } from "../../route";
import { GET as getAddresses } from "../../../addresses/route";
import { GET as getTransaction } from "../../../transactions/[transactionId]/route";
import { GET as listRequests } from "../../requests/route";
import { GET as getRequest } from "../../requests/[requestId]/route";
import { GET as friendbot } from "../../../friendbot/route";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const E18 = 10n ** 18n;

describe("ICR inventory and requests API", async () => {
  const a = await orgWithCredits("req");
  const dest = await ensureOrganization({ fullName: "Destination Org", countryCode: "NO", type: "buyer" });
  const rw = await tokenFor(a.org.id, ["organization_inventory:read_write", "organization_info:read"]);
  const readOnly = await tokenFor(a.org.id, ["organization_inventory:read"]);
  const otherToken = await tokenFor(dest.id, ["organization_inventory:read_write"]);
  const wallet = Wallet.createRandom().address;
  const balanceOf = async (addr: string) => (await creditContract(a.credit.tokenAddress).balanceOf(addr, 1n)) as bigint;
  const act = (action: string, body: unknown, token = rw) =>
    callRoute(POST, {
      url: `/organizations/${a.org.id}/inventory/action/${action}`,
      params: { id: a.org.id, action },
      token,
      body,
    });
  const inventory = async () => {
    invalidateBalances();
    const r = await callRoute(getInventory, {
      url: `/organizations/${a.org.id}/inventory`,
      params: { id: a.org.id },
      token: readOnly,
    });
    return r.json.find((i: { id: string }) => i.id === a.credit.id);
  };
  const snapshot = async () => ({
    requests: await prisma.icrCreditRequest.count(),
    inventory: await inventory(),
    chain: await balanceOf(a.address),
  });

  it("lists the inventory in the documented shape with amounts from the chain", async () => {
    const item = await inventory();
    expect(item).toMatchObject({
      organizationId: a.org.id,
      id: `exPost-1-${a.credit.tokenAddress}`,
      tokenId: "1",
      tokenAddress: a.credit.tokenAddress,
      unit: "tonne",
      amount: 10,
      available: 10,
      reserved: 0,
      type: "exPost",
      vintage: "2021",
      serialization: a.credit.serialization,
    });
    expect(item.project).toMatchObject({ id: a.project.id, num: a.project.num, fullName: a.project.fullName });
    expect(item.project.url).toContain(`/projects/${a.project.id}`);
  });

  it("lists the organization's addresses", async () => {
    const info = await tokenFor(a.org.id, ["organization_info:read"]);
    const r = await callRoute(getAddresses, {
      url: `/organizations/${a.org.id}/addresses`,
      params: { id: a.org.id },
      token: info,
    });
    expect(r.status).toBe(200);
    expect(r.json.addresses).toEqual([expect.objectContaining({ address: a.address, isDefault: true })]);
    expect(r.json.fullName).toBe(a.org.fullName);
  });

  it.each([
    [
      "an unknown creditId",
      { creditId: "exPost-9-0xdead", amount: 1, toAddress: "0x0000000000000000000000000000000000000001" },
      404,
      /Credit exPost-9-0xdead not found/,
    ],
    ["amount 0", { amount: 0 }, 400, /amount must be greater than 0/],
    ["a negative amount", { amount: "-1" }, 400, /amount must be greater than 0/],
    ["more than 3 decimals", { amount: "0.0001" }, 400, /at most 3 decimals/],
    ["more than available", { amount: "10.001" }, 409, /Only 10 of .* is available/],
    ["neither destination", { toAddress: undefined }, 400, /toOrganizationId or toAddress is required/],
    [
      "both destinations",
      { toOrganizationId: "6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b" },
      400,
      /either toOrganizationId or toAddress, not both/,
    ],
    ["an address of the wrong length", { toAddress: "0x1234" }, 400, /40 hex characters/],
    ["an address with a bad checksum", { toAddress: "0x52908400098527886e0F7030069857D2E4169EE7" }, 400, /checksum/],
    [
      "an unknown toOrganizationId",
      { toAddress: undefined, toOrganizationId: "6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b" },
      404,
      /toOrganizationId\) not found/,
    ],
  ])("refuses %s with a clear error and changes nothing", async (_what, patch, status, message) => {
    const before = await snapshot();
    const r = await act("transfer", { creditId: a.credit.id, amount: 1, toAddress: wallet, ...patch });
    expect(r.status).toBe(status);
    expect(r.json.statusCode).toBe(status);
    expect(r.json.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["malformed JSON", { rawBody: "{nope" }, rw, 400, /not valid JSON/],
    ["a read-only token", { body: {} }, readOnly, 403, /organization_inventory:read_write/],
    ["a token of another organization", { body: {} }, otherToken, 403, /another organization/],
    ["no token", { body: {} }, undefined, 401, /Missing access token/],
  ])("refuses %s", async (_what, extra, token, status, message) => {
    const before = await snapshot();
    const r = await callRoute(POST, {
      url: `/organizations/${a.org.id}/inventory/action/transfer`,
      params: { id: a.org.id, action: "transfer" },
      token,
      ...extra,
    });
    expect(r.status).toBe(status);
    expect(r.json.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it("transfers 0.001 end to end: request, accept, processed on chain", async () => {
    const r = await act("transfer", { creditId: a.credit.id, amount: "0.001", toAddress: wallet.toLowerCase() });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      action: "transfer",
      state: "pending_request",
      amount: 0.001,
      fromOrganizationId: a.org.id,
      toAddress: wallet,
      creditId: a.credit.id,
    });
    expect((await inventory()).available).toBe(9.999);
    expect((await acceptRequest({ requestId: r.json.id, userId: a.admin.id })).state).toBe("pending_queue");
    expect(await processRequest(r.json.id)).toBe("processed");
    expect(await balanceOf(wallet)).toBe(E18 / 1000n);
    const tx = await callRoute(getTransaction, {
      url: `/organizations/${a.org.id}/transactions/${r.json.id}`,
      params: { id: a.org.id, transactionId: r.json.id },
      token: readOnly,
    });
    expect(tx.json).toMatchObject({ state: "processed", txId: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(await inventory()).toMatchObject({ amount: 9.999, available: 9.999, reserved: 0 });
  });

  it("accepting twice, accepting a declined request and a member accepting are refused", async () => {
    const one = (await act("transfer", { creditId: a.credit.id, amount: 1, toAddress: wallet })).json;
    await expect(acceptRequest({ requestId: one.id, userId: a.member.id })).rejects.toMatchObject({ status: 403 });
    await acceptRequest({ requestId: one.id, userId: a.admin.id });
    await expect(acceptRequest({ requestId: one.id, userId: a.admin.id })).rejects.toMatchObject({
      status: 409,
      message: /already accepted/,
    });
    const two = (await act("transfer", { creditId: a.credit.id, amount: 1, toAddress: wallet })).json;
    await declineRequest({ requestId: two.id, userId: a.admin.id });
    await expect(acceptRequest({ requestId: two.id, userId: a.admin.id })).rejects.toMatchObject({
      status: 409,
      message: /declined/,
    });
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: two.id } })).state).toBe("rejected");
    await processRequest(one.id);
  });

  it("concurrent requests never exceed what is available", async () => {
    const inv = await inventory();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => act("transfer", { creditId: a.credit.id, amount: 1, toAddress: wallet })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBe(Math.floor(inv.available));
    expect(results.filter((r) => r.status === 409).length).toBe(12 - ok.length);
    expect((await inventory()).available).toBeLessThan(1);
    for (const r of ok) await act("cancel", { transactionId: r.json.id });
    expect((await inventory()).available).toBe(inv.available);
  });

  it("cancel: only the maker, only while pending", async () => {
    const req = (await act("transfer", { creditId: a.credit.id, amount: 1, toAddress: wallet })).json;
    const otherRw = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
    expect((await act("cancel", { transactionId: req.id }, otherRw)).status).toBe(403);
    const c = await act("cancel", { transactionId: req.id });
    expect(c.json.state).toBe("cancelled");
    const again = await act("cancel", { transactionId: req.id });
    expect(again.status).toBe(409);
    expect((await act("cancel", { transactionId: "6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b" })).status).toBe(404);
  });

  it("a worker killed after storing the signed tx resumes without sending twice", async () => {
    for (const crash of ["afterPersist", "afterBroadcast"] as const) {
      const to = Wallet.createRandom().address;
      const req = (await act("transfer", { creditId: a.credit.id, amount: "0.5", toAddress: to })).json;
      await acceptRequest({ requestId: req.id, userId: a.admin.id });
      await expect(processRequest(req.id, { [crash]: () => Promise.reject(new Error("killed")) })).rejects.toThrow(
        "killed",
      );
      expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe(
        "pending_onchain",
      );
      expect(await processRequest(req.id)).toBe("processed");
      expect(await processRequest(req.id)).toBe("processed");
      expect(await balanceOf(to)).toBe(E18 / 2n);
    }
  });

  it("two workers process each request once", async () => {
    const to = Wallet.createRandom().address;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await act("transfer", { creditId: a.credit.id, amount: "0.25", toAddress: to })).json.id);
    for (const id of ids) await acceptRequest({ requestId: id, userId: a.admin.id });
    const states = await Promise.all([...ids, ...ids].map((id) => processRequest(id)));
    expect(new Set(states)).toEqual(new Set(["processed"]));
    expect(await balanceOf(to)).toBe(E18);
  });

  it("pages the request history and reads one request", async () => {
    const page = await callRoute(listRequests, {
      url: `/organizations/${a.org.id}/inventory/requests?limit=2&page=1`,
      params: { id: a.org.id },
      token: readOnly,
    });
    expect(page.status).toBe(200);
    expect(page.json.items).toHaveLength(2);
    expect(page.json.total).toBe(await prisma.icrCreditRequest.count({ where: { organizationId: a.org.id } }));
    expect(page.json.pageCount).toBe(Math.ceil(page.json.total / 2));
    const one = await callRoute(getRequest, {
      url: `/organizations/${a.org.id}/inventory/requests/${page.json.items[0].id}`,
      params: { id: a.org.id, requestId: page.json.items[0].id },
      token: readOnly,
    });
    expect(one.json.id).toBe(page.json.items[0].id);
    const bad = await callRoute(listRequests, {
      url: `/organizations/${a.org.id}/inventory/requests?limit=500`,
      params: { id: a.org.id },
      token: readOnly,
    });
    expect(bad.status).toBe(400);
    const missing = await callRoute(getRequest, {
      url: "/x",
      params: { id: a.org.id, requestId: "6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b" },
      token: readOnly,
    });
    expect(missing.status).toBe(404);
  });

  it("friendbot sends 100 test credits, only to the token's own organization", async () => {
    const any = await tokenFor(a.org.id, []);
    const r = await callRoute(friendbot, {
      url: `/organizations/${a.org.id}/friendbot`,
      params: { id: a.org.id },
      token: any,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      amount: 100,
      transactionId: expect.stringMatching(/^0x/),
      serialization: expect.stringContaining("SANDBOX"),
    });
    invalidateBalances();
    const dev = await callRoute(getInventory, {
      url: `/organizations/${a.org.id}/inventory?development=1`,
      params: { id: a.org.id },
      token: readOnly,
    });
    expect(dev.json).toEqual([expect.objectContaining({ amount: 100, serialization: r.json.serialization })]);
    const other = await callRoute(friendbot, {
      url: `/organizations/${dest.id}/friendbot`,
      params: { id: dest.id },
      token: any,
    });
    expect(other.status).toBe(403);
  });
});
