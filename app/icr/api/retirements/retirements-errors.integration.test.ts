import { afterAll, describe, expect, it } from "vitest";
import { parseEther, parseUnits, Wallet, ZeroHash } from "ethers";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { mintCredits } from "@/lib/registry/projects";
import { finalizeMessage } from "@/lib/registry/retirements/finalize-retirement";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { POST as action } from "../organizations/[id]/inventory/action/[action]/route";
import { GET as getList } from "./list/route";
import { POST as finalize } from "./finalize/route";

// The retirement errors that retirements.integration.test.ts does not check, each with a check
// that nothing changed.
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const snapshot = async () => ({
  retirements: await prisma.icrRetirement.findMany({ orderBy: { id: "asc" } }),
  requests: await prisma.icrCreditRequest.findMany({ orderBy: { id: "asc" } }),
});

describe("ICR retirements: bad input changes nothing", async () => {
  const a = await orgWithCredits("reterr");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
  const anyToken = await tokenFor(a.org.id, []);
  const wallet = Wallet.createRandom().connect(provider());
  await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: "1", to: wallet.address, amount: "3" });
  const gas = new Wallet(process.env.CARBONMARK_GAS_KEY!, provider());
  await (await gas.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
  const signed = async (over: Partial<{ beneficiary: string; tokenId: string }> = {}) => {
    const signedData = {
      beneficiary: "First Beneficiary",
      comment: "",
      reason: "",
      projectAddress: a.credit.tokenAddress,
      tokenId: "1",
      ...over,
    };
    return { signer: wallet.address, signature: await wallet.signMessage(finalizeMessage(signedData)), signedData };
  };
  const fin = (body: unknown) => callRoute(finalize, { url: "/retirements/finalize", token: anyToken, body });

  it("refuses to retire more than the organization has available", async () => {
    const before = await snapshot();
    const r = await callRoute(action, {
      url: "/x",
      params: { id: a.org.id, action: "retire" },
      token,
      body: { creditId: a.credit.id, amount: "10.001", beneficiaryName: "Too Much Ltd" },
    });
    expect(r.status).toBe(409);
    expect(r.json.message).toMatch(/available/i);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to finalize a retirement that already has a beneficiary, keeping the first one", async () => {
    await (
      await carbonCredit(a.credit.tokenAddress, wallet).retire(wallet.address, 1n, parseUnits("1", 18), ZeroHash)
    ).wait();
    const ok = await fin(await signed());
    expect(ok.status).toBe(200);
    const before = await snapshot();
    const again = await fin(await signed({ beneficiary: "Second Beneficiary" }));
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/already finalized: it has a beneficiary/);
    expect(await snapshot()).toEqual(before);
    expect((await prisma.icrRetirement.findUniqueOrThrow({ where: { id: ok.json.id } })).beneficiary).toBe(
      "First Beneficiary",
    );
  });

  it("refuses to finalize a retirement that does not exist (a token never retired), correctly signed", async () => {
    const before = await snapshot();
    const r = await fin(await signed({ tokenId: "77" }));
    expect(r.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["first above the page limit", "skip=0&first=1000", /first may be at most 100/],
    ["a negative skip", "skip=-5&first=10", /skip must not be negative/],
    ["a skip that is not a number", "skip=abc&first=10", /skip must be a number/],
  ])("the list refuses %s and changes nothing", async (_w, q, message) => {
    const before = await snapshot();
    const r = await callRoute(getList, { url: `/retirements/list?${q}`, token: anyToken });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });
});
