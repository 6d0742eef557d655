import { randomUUID } from "node:crypto";
import { connectedHolder } from "@/lib/testing/connected-holder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyMessage } from "ethers";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { finalizeMessage } from "@/lib/icr/retirements";
import { finishRetirement } from "@/lib/carbonmark/retirements/finish-retirement";
import { retireCredits } from "@/lib/carbonmark/retirements/retire-credits";
import { readRetirementOnChain } from "@/lib/proof/retirement-on-chain";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";
import { commitmentOf } from "@/lib/carbonmark/retirements/broadcast-retirement";
import { retirementVerdictOf } from "@/lib/carbonmark/retirements/retirement-verdict";
import { retirementStage } from "@/lib/carbonmark/retirements/retirement-status";
import { ZRetireCredits } from "@/lib/carbonmark/retirements/schemas";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// A stand-in for ICR's finalize endpoint that checks the EIP-191 signature like ICR does (and can be
// switched off, or made to answer "already finalized"); the chain is the real (per-file) anvil.
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
let icr: Awaited<ReturnType<typeof startLocalServer>>;
let mode: "ok" | "down" | "conflict" = "ok";
const claimed: { id: string; beneficiary: string; amount: string; signer: string }[] = [];

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (req.url === "/projects") return sendIcrProjects(res);
    if (req.url?.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (req.url?.startsWith("/retirements/list")) {
      return sendJson(res, 200, {
        retirements: claimed.map((c) => ({
          createdAt: new Date().toISOString(),
          id: c.id,
          isClaimed: true,
          beneficiary: c.beneficiary,
          amount: Number(c.amount),
          project: { id: "p", fullName: "Highlands" },
        })),
      });
    }
    if (req.url === "/retirements/finalize") {
      if (mode === "down") return sendJson(res, 503, { message: "maintenance" });
      const body = JSON.parse(req.body);
      if (verifyMessage(finalizeMessage(body.signedData), body.signature).toLowerCase() !== body.signer.toLowerCase())
        return sendJson(res, 400, { message: "The signature does not match" });
      if (mode === "conflict")
        return sendJson(res, 409, { message: "This retirement is already finalized: it has a beneficiary" });
      const id = randomUUID();
      claimed.push({ id, beneficiary: body.signedData.beneficiary, amount: "0", signer: body.signer });
      return sendJson(res, 200, {
        createdAt: new Date().toISOString(),
        id,
        isClaimed: true,
        beneficiary: body.signedData.beneficiary,
        amount: 1,
        project: { id: "p", fullName: "Highlands" },
      });
    }
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());
beforeEach(() => {
  mode = "ok";
});

const userHolding = (email: string, amount: string) =>
  connectedHolder({ email, amount, connection: { installationId, organizationId } });

const balanceOf = (token: string, holder: string) =>
  carbonCredit(token, provider()).balanceOf(holder, 1n) as Promise<bigint>;
const finalizeCalls = () => icr.requests.filter((r) => r.url === "/retirements/finalize").length;
const retire = (over: Record<string, unknown>) =>
  ZRetireCredits.parse({
    quantity: "1",
    beneficiary: "Jane Doe",
    reason: "Corsia",
    comment: "For 2024",
    pin: "123456",
    idempotencyKey: randomUUID(),
    ...over,
  });

describe("retire from the Carbonmark wallet", () => {
  it("a double click retires once on chain and finalizes once, signed by the wallet over beneficiary;;comment;;reason;;projectAddress;;tokenId", async () => {
    const { user, creditId, tokenAddress, address } = await userHolding("retire-1@test.local", "5");
    const input = retire({ creditId, quantity: "2.5" });
    const before = finalizeCalls();
    const [a, b] = await Promise.all([
      retireCredits({ userId: user.id, ...input }),
      retireCredits({ userId: user.id, ...input }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await prisma.cmRetirement.count({ where: { userId: user.id } })).toBe(1);
    expect(await balanceOf(tokenAddress, address)).toBe(2_500_000_000_000_000_000n);
    const row = await prisma.cmRetirement.findUniqueOrThrow({ where: { id: a.id } });
    expect(retirementStage(row)).toBe("certified");
    expect(finalizeCalls() - before).toBe(1);
    const body = JSON.parse(icr.requests.filter((r) => r.url === "/retirements/finalize").at(-1)!.body);
    expect(body.signedData).toEqual({
      beneficiary: "Jane Doe",
      comment: "For 2024",
      reason: "Corsia",
      projectAddress: expect.stringMatching(new RegExp(tokenAddress, "i")),
      tokenId: "1",
    });
    expect(body.signer).toBe(address);
    // Again with the same key: nothing more happens.
    await retireCredits({ userId: user.id, ...input });
    expect(await balanceOf(tokenAddress, address)).toBe(2_500_000_000_000_000_000n);
    expect(finalizeCalls() - before).toBe(1);
  });

  it("binds the details on chain, sends the salt to ICR, and Carbonmark's own check of the chain is Verified; a changed row is a Mismatch", async () => {
    const { user, creditId, address } = await userHolding("retire-proof@test.local", "5");
    const row = await retireCredits({ userId: user.id, ...retire({ creditId, beneficiary: "Acme 2024 Ltd" }) });
    expect(row.commitmentSalt).toMatch(/^[0-9a-f]{64}$/);
    const body = JSON.parse(icr.requests.filter((r) => r.url === "/retirements/finalize").at(-1)!.body);
    expect(body.commitmentSalt).toBe(row.commitmentSalt);
    const onChain = await readRetirementOnChain({
      txHash: row.txHash!,
      tokenAddress: parseCreditId(creditId)!.tokenAddress,
    });
    expect(onChain.found && onChain.commitment).toBe(commitmentOf(row));

    const verdict = await retirementVerdictOf(row, address);
    expect(verdict).toMatchObject({ status: "checked", verdict: { verdict: "verified", detailsBound: true } });
    const changed = { ...row, beneficiary: "Someone Else" };
    expect(await retirementVerdictOf(changed, address)).toMatchObject({
      verdict: { verdict: "mismatch", fields: [expect.objectContaining({ field: "details commitment" })] },
    });
    expect(await retirementVerdictOf(row, "0x000000000000000000000000000000000000dEaD")).toMatchObject({
      verdict: { verdict: "mismatch", fields: [expect.objectContaining({ field: "account" })] },
    });
  });

  it("refuses a beneficiary or text with an e-mail address or a phone number, before anything is sent", () => {
    expect(() => retire({ creditId: "x", beneficiary: "jane@example.com" })).toThrow(
      "The beneficiary's name may not contain an e-mail address: it is published",
    );
    expect(() => retire({ creditId: "x", comment: "call 0612345678" })).toThrow(
      /The comment may not contain a phone number/,
    );
    expect(retire({ creditId: "x", beneficiary: "Acme 2024 Ltd" }).beneficiary).toBe("Acme 2024 Ltd");
  });

  it.each([
    ["more than held", { quantity: "6" }, /holds only 5/],
    ["a wrong PIN", { pin: "000000" }, /Wrong PIN/],
  ])("refuses %s and changes nothing", async (_w, over, message) => {
    const { user, creditId, tokenAddress, address } = await userHolding(
      `retire-2-${randomUUID().slice(0, 6)}@test.local`,
      "5",
    );
    await expect(retireCredits({ userId: user.id, ...retire({ creditId, ...over }) })).rejects.toThrow(message);
    expect(await balanceOf(tokenAddress, address)).toBe(5n * 10n ** 18n);
    expect(await prisma.cmRetirement.count({ where: { userId: user.id } })).toBe(0);
  });

  it.each([
    ["an empty beneficiary", { beneficiary: "   " }, /Enter the beneficiary's name/],
    ["a beneficiary over 200 characters", { beneficiary: "x".repeat(201) }, /at most 200 characters/],
    ["a quantity of 0", { quantity: "0" }, /at least 0.001/],
    ["a field with the ;; separator", { reason: "a;;b" }, /may not contain ;;/],
    [
      "a beneficiary with a line break",
      { beneficiary: "Jane\nAmount: 1,000,000 tCO₂e (verified)" },
      /The beneficiary's name must be one line of visible text: remove a line break/,
    ],
    ["a reason with a bidi override", { reason: "\u202Edeifirev\u202C" }, /The reason must be one line.*U\+202E/],
    ["a comment with a paragraph separator", { comment: "a\u2029b" }, /The comment must be one line.*U\+2029/],
    ["a comment with a zero-width space", { comment: "a\u200Bb" }, /The comment must be one line.*U\+200B/],
  ])("the form's schema refuses %s", (_w, over, message) => {
    const r = ZRetireCredits.safeParse({
      creditId: "exPost-1-0x" + "1".repeat(40),
      quantity: "1",
      beneficiary: "Jane",
      pin: "123456",
      idempotencyKey: randomUUID(),
      ...over,
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(" ")).toMatch(message);
  });

  it("when ICR cannot finalize, the retirement awaits its certificate and is finalized later with the PIN", async () => {
    const { user, creditId, tokenAddress, address } = await userHolding("retire-3@test.local", "3");
    mode = "down";
    const row = await retireCredits({
      userId: user.id,
      ...retire({ creditId, quantity: "1", beneficiary: "Later Ltd" }),
    });
    expect(retirementStage(row)).toBe("awaiting_certificate");
    expect(row.lastError).toMatch(/certificate is not finalized yet/);
    expect(await balanceOf(tokenAddress, address)).toBe(2n * 10n ** 18n);

    mode = "ok";
    await expect(finishRetirement({ userId: user.id, retirementId: row.id, pin: "999999" })).rejects.toThrow(
      /Wrong PIN/,
    );
    const done = await finishRetirement({ userId: user.id, retirementId: row.id, pin: "123456" });
    expect(retirementStage(done)).toBe("certified");
    expect(done.lastError).toBeNull();
    expect(await balanceOf(tokenAddress, address)).toBe(2n * 10n ** 18n);
    // Someone else's id finds nothing.
    const other = await ensureCmUser({
      email: "retire-3b@test.local",
      name: "O",
      password: "password-123",
      pin: "123456",
    });
    await expect(finishRetirement({ userId: other.id, retirementId: row.id, pin: "123456" })).rejects.toThrow(
      /not found/,
    );
  });

  it("a finalize whose answer was lost (ICR now answers 409) is recognised in ICR's list", async () => {
    const { user, creditId } = await userHolding("retire-4@test.local", "2");
    mode = "down";
    const row = await retireCredits({
      userId: user.id,
      ...retire({ creditId, quantity: "0.5", beneficiary: "Lost Answer AB" }),
    });
    claimed.push({ id: randomUUID(), beneficiary: "Lost Answer AB", amount: "0.5", signer: user.wallet!.address });
    mode = "conflict";
    const done = await finishRetirement({ userId: user.id, retirementId: row.id, pin: "123456" });
    expect(done.icrRetirementId).toBe(claimed.at(-1)!.id);
  });

  it("after a crash between recording and broadcasting, finishing sends exactly one retirement", async () => {
    const { user, creditId, tokenAddress, address } = await userHolding("retire-5@test.local", "3");
    const nonce = await provider().getTransactionCount(address, "pending");
    const row = await prisma.cmRetirement.create({
      data: {
        userId: user.id,
        idempotencyKey: randomUUID(),
        creditId,
        amount: "1",
        beneficiary: "Crash Co",
        reason: "",
        comment: "",
        nonce,
        txHash: "0x" + "cd".repeat(32),
      },
    });
    const done = await finishRetirement({ userId: user.id, retirementId: row.id, pin: "123456" });
    expect(done.status).toBe("confirmed");
    expect(done.nonce).toBe(nonce);
    await finishRetirement({ userId: user.id, retirementId: row.id, pin: "123456" });
    expect(await balanceOf(tokenAddress, address)).toBe(2n * 10n ** 18n);
  });
});
