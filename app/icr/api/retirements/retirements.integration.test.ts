import { afterAll, describe, expect, it } from "vitest";
import { parseEther, parseUnits, Wallet, ZeroHash } from "ethers";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { mintCredits } from "@/lib/registry/projects";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { processRequest } from "@/lib/registry/requests/process-request";
import { finalizeMessage } from "@/lib/registry/retirements/finalize-retirement";
import { pdfText } from "@/lib/testing/pdf-reader";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { POST as action } from "../organizations/[id]/inventory/action/[action]/route";
import { GET as getList } from "./list/route";
import { GET as getOne } from "./route";
import { GET as getPdf } from "./[retirementId]/pdf/route";
import { POST as finalize } from "./finalize/route";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

describe("ICR retirements API", async () => {
  const a = await orgWithCredits("ret");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
  const anyToken = await tokenFor(a.org.id, []);
  const list = (query: string) => callRoute(getList, { url: `/retirements/list?${query}`, token: anyToken });

  // A wallet outside ICR holding 5 credits, with gas.
  const wallet = Wallet.createRandom().connect(provider());
  await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: "1", to: wallet.address, amount: "5" });
  const gas = new Wallet(process.env.CARBONMARK_GAS_KEY!, provider());
  await (await gas.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
  const retireOnChain = async (amount: string) =>
    (await (
      await carbonCredit(a.credit.tokenAddress, wallet).retire(wallet.address, 1n, parseUnits(amount, 18), ZeroHash)
    ).wait()) as unknown;
  const signed = (over: Partial<{ beneficiary: string; comment: string; reason: string }> = {}, signer = wallet) => {
    const signedData = {
      beneficiary: "Jane Doe",
      comment: "For 2024",
      reason: "Corsia",
      projectAddress: a.credit.tokenAddress,
      tokenId: "1",
      ...over,
    };
    return signer
      .signMessage(finalizeMessage(signedData))
      .then((signature) => ({ signer: wallet.address, signature, signedData }));
  };
  const fin = (body: unknown) => callRoute(finalize, { url: "/retirements/finalize", token: anyToken, body });

  it("a retire request accepted on ICR appears claimed, with a real PDF certificate", async () => {
    const r = await callRoute(action, {
      url: "/x",
      params: { id: a.org.id, action: "retire" },
      token,
      body: { creditId: a.credit.id, amount: "1.5", beneficiaryName: "Acme Ltd", retirementReason: "Net zero 2030" },
    });
    expect(r.status).toBe(200);
    await acceptRequest({ requestId: r.json.id, userId: a.admin.id });
    expect(await processRequest(r.json.id)).toBe("processed");
    const req = await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.json.id } });
    expect(req.retirementId).toBeTruthy();
    const one = await callRoute(getOne, { url: `/retirements?id=${req.retirementId}`, token: anyToken });
    expect(one.json).toMatchObject({
      id: req.retirementId,
      isClaimed: true,
      beneficiary: "Acme Ltd",
      reason: "Net zero 2030",
      amount: 1.5,
      serialization: a.credit.serialization,
      vintage: "2021",
      organizationId: a.org.id,
    });
    const pdf = await callRoute(getPdf, { url: "/x", params: { retirementId: req.retirementId! }, token: anyToken });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.subarray(-6).toString()).toContain("%%EOF");
    const text = await pdfText(bytes);
    for (const s of ["Acme Ltd", "1.5", a.credit.serialization, "Net zero 2030", "2021"]) expect(text).toContain(s);
  });

  it("an on-chain retirement by any wallet is listed unclaimed (amount and project only), without a certificate", async () => {
    await retireOnChain("2");
    const r = await list("skip=0&first=10");
    expect(r.status).toBe(200);
    const [newest] = r.json.retirements;
    expect(Object.keys(newest).sort()).toEqual(["amount", "createdAt", "id", "isClaimed", "project"]);
    expect(newest).toMatchObject({ isClaimed: false, amount: 2, project: { id: a.project.id } });
    const pdf = await callRoute(getPdf, { url: "/x", params: { retirementId: newest.id }, token: anyToken });
    expect(pdf.status).toBe(409);
    expect(pdf.json.message).toMatch(/not been claimed/);
  });

  it.each([
    ["negative skip", "skip=-1&first=10", /skip must not be negative/],
    ["first above the limit", "skip=0&first=101", /first may be at most 100/],
  ])("the list refuses %s", async (_w, q, message) => {
    const r = await list(q);
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(message);
  });

  it("refuses a non-existent retirement id", async () => {
    expect(
      (await callRoute(getOne, { url: "/retirements?id=6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b", token: anyToken }))
        .status,
    ).toBe(404);
    expect((await callRoute(getOne, { url: "/retirements?id=42", token: anyToken })).status).toBe(404);
    expect((await callRoute(getPdf, { url: "/x", params: { retirementId: "nope" }, token: anyToken })).status).toBe(
      404,
    );
  });

  it.each([
    ["an empty beneficiary", async () => signed({ beneficiary: "" }), 400, /beneficiary must not be empty/],
    [
      "a beneficiary over 200 characters",
      async () => signed({ beneficiary: "x".repeat(201) }),
      400,
      /at most 200 characters/,
    ],
    [
      "a signature by another address",
      async () => signed({}, Wallet.createRandom() as never),
      400,
      /signature does not match/,
    ],
    [
      "a tampered field",
      async () => ({ ...(await signed()), signedData: { ...(await signed()).signedData, reason: "Other" } }),
      400,
      /signature does not match/,
    ],
  ])("finalize refuses %s and changes nothing", async (_w, body, status, message) => {
    const before = await prisma.icrRetirement.findMany({ orderBy: { id: "asc" } });
    const r = await fin(await body());
    expect(r.status).toBe(status);
    expect(r.json.message).toMatch(message);
    expect(await prisma.icrRetirement.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("only the on-chain retiree may finalize, once; then the certificate exists", async () => {
    const stranger = Wallet.createRandom();
    const strangerBody = await signed({}, stranger as never);
    const notRetiree = await fin({ ...strangerBody, signer: stranger.address });
    expect(notRetiree.status).toBe(403);
    const ok = await fin(await signed());
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      isClaimed: true,
      beneficiary: "Jane Doe",
      reason: "Corsia",
      comment: "For 2024",
      amount: 2,
    });
    const twice = await fin(await signed());
    expect(twice.status).toBe(409);
    expect(twice.json.message).toMatch(/already finalized/);
    expect((await callRoute(getPdf, { url: "/x", params: { retirementId: ok.json.id }, token: anyToken })).status).toBe(
      200,
    );
    const unknownToken = await fin(
      await signed().then((b) => ({ ...b, signedData: { ...b.signedData, tokenId: "77" } })),
    );
    expect(unknownToken.status).toBe(400);
  });
});
