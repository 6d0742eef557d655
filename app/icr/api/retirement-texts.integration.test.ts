import { parseEther, parseUnits, Wallet, ZeroHash } from "ethers";
import { afterAll, describe, expect, it } from "vitest";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { mintCredits } from "@/lib/registry/projects";
import { finalizeMessage } from "@/lib/registry/retirements/finalize-retirement";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { POST as action } from "./organizations/[id]/inventory/action/[action]/route";
import { POST as finalize } from "./retirements/finalize/route";

// A retirement's beneficiary, reason and comment are printed on its public certificate: a line
// break, a line separator or a bidi control could forge a line of the registry's own ("Amount:
// 1,000,000 tCO₂e (verified)") or reorder what a reader sees. The API refuses them, naming the field.
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const FORGED = "Jane Doe\nAmount: 1,000,000 tCO₂e (verified)";

describe("retirement texts on the ICR API", async () => {
  const a = await orgWithCredits("texts");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
  const to = "0x00000000000000000000000000000000000000a1";
  const snapshot = async () => ({
    requests: await prisma.icrCreditRequest.findMany({ orderBy: { id: "asc" } }),
    retirements: await prisma.icrRetirement.findMany({ orderBy: { id: "asc" } }),
  });

  it.each([
    ["beneficiaryName", "retire", { beneficiaryName: FORGED }, "a line break (U+000A)"],
    ["beneficiaryName", "transfer_retire", { toAddress: to, beneficiaryName: "Acme\r\nLtd" }, "a line break (U+000D)"],
    ["retirementReason", "retire", { beneficiaryName: "Acme", retirementReason: "\u202Edeifirev" }, "U+202E"],
    ["retirementComment", "retire", { beneficiaryName: "Acme", retirementComment: "a\u2028b" }, "a line separator"],
    [
      "retirementData.comment",
      "retire",
      { retirementData: { beneficiaryName: "Acme", comment: "a\u2029b" } },
      "a paragraph separator",
    ],
    [
      "retirementData.beneficiaryName",
      "transfer_retire",
      { toAddress: to, retirementData: { beneficiaryName: "Ac\u200Bme" } },
      "U+200B",
    ],
  ])(
    "%s with a forbidden character (%s) is a 400 naming the field, and nothing changes",
    async (field, name, body, found) => {
      const before = await snapshot();
      const r = await callRoute(action, {
        url: "/x",
        params: { id: a.org.id, action: name },
        token,
        body: { creditId: a.credit.id, amount: "0.001", ...body },
      });
      expect(r.status).toBe(400);
      expect(r.json.message).toContain(`${field}: ${field} must be one line of visible text: remove`);
      expect(r.json.message).toContain(found);
      expect(r.json.issues).toEqual([
        { path: field, message: expect.stringContaining("must be one line of visible text") },
      ]);
      expect(await snapshot()).toEqual(before);
    },
  );

  it("finalize refuses a correctly signed text with a line break or a bidi control, naming it; the retirement stays unclaimed", async () => {
    const wallet = Wallet.createRandom().connect(provider());
    await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: "1", to: wallet.address, amount: "1" });
    const gas = new Wallet(process.env.CARBONMARK_GAS_KEY!, provider());
    await (await gas.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
    await (
      await carbonCredit(a.credit.tokenAddress, wallet).retire(wallet.address, 1n, parseUnits("0.001", 18), ZeroHash)
    ).wait();
    const fin = async (over: Partial<{ beneficiary: string; comment: string; reason: string }>) => {
      const signedData = {
        beneficiary: "Jane Doe",
        comment: "",
        reason: "",
        projectAddress: a.credit.tokenAddress,
        tokenId: "1",
        ...over,
      };
      const signature = await wallet.signMessage(finalizeMessage(signedData));
      return callRoute(finalize, {
        url: "/retirements/finalize",
        token,
        body: { signer: wallet.address, signature, signedData },
      });
    };

    for (const [field, over] of [
      ["signedData.beneficiary", { beneficiary: FORGED }],
      ["signedData.reason", { reason: "Net zero\u2028Amount: 1,000,000 tCO₂e" }],
      ["signedData.comment", { comment: "\u202Edeifirev\u202C" }],
    ] as const) {
      const before = await snapshot();
      const r = await fin(over);
      expect(r.status, field).toBe(400);
      expect(r.json.message).toContain(`${field} must be one line of visible text`);
      expect(r.json.issues).toEqual([{ path: field, message: expect.stringContaining("must be one line") }]);
      expect(await snapshot()).toEqual(before);
    }
    // The same retirement, with plain texts, is claimed: the refusals were about the texts.
    const ok = await fin({ reason: "Net zero 2030" });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ isClaimed: true, beneficiary: "Jane Doe", amount: 0.001 });
  });
});
