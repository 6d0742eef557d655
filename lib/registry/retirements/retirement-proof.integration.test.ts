import { beforeEach, describe, expect, it, vi } from "vitest";
import { JsonRpcProvider, Wallet } from "ethers";
import { carbonCreditVersion, retireCallData } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { newCommitmentSalt, type TRetirementDetails } from "@/lib/proof/retirement-commitment";
import { IcrHttpError } from "@/lib/registry/api/errors";
import { finalizeMessage, finalizeRetirement } from "@/lib/registry/retirements/finalize-retirement";
import { forgetRetirementProofs, loadRetirementProof } from "@/lib/registry/retirements/retirement-proof";
import { ensureIssuance, ensureProject } from "@/lib/seed/registry-factories";
import { anvilKey } from "@/lib/stack/chain";

// The registry's public proof of a retirement, end to end on the per-file anvil and database: a
// wallet retires with a salted commitment (as Carbonmark does), finalizes its details at the
// registry, and the proof compares the registry's row with the chain. Only the finality depth is
// switched (INDEXER_CONFIRMATIONS), as a deployment would configure it.
const depth = vi.hoisted(() => ({ confirmations: 0 }));
vi.mock("@/lib/config", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/config")>();
  return { ...real, config: () => ({ ...real.config(), INDEXER_CONFIRMATIONS: depth.confirmations }) };
});

const retiree = () => new Wallet(anvilKey(7), provider());
let tokenCounter = 10;

beforeEach(() => {
  depth.confirmations = 0;
  forgetRetirementProofs();
});

async function anvil(method: string, params: unknown[] = []) {
  return provider().send(method, params);
}

/** A retirement made on chain by the retiree (bound to `details` unless `bind` is false), then finalized at the registry. */
async function retireAndFinalize(
  opts: { details?: Partial<TRetirementDetails>; bind?: boolean; finalize?: boolean; hideUntil?: Date } = {},
) {
  const wallet = retiree();
  const project = await ensureProject({ num: "proof-1", fullName: "Highlands Peat", countryCode: "IS" });
  const tokenId = tokenCounter++;
  await ensureIssuance({ project, tokenId, vintage: "2022", amount: "10", holder: wallet.address });
  const details: TRetirementDetails = {
    beneficiary: "Acme 2024 Ltd",
    reason: "Net zero",
    comment: null,
    ...opts.details,
  };
  const salt = newCommitmentSalt();
  const { retirementCommitment } = await import("@/lib/proof/retirement-commitment");
  const version = await carbonCreditVersion(project.contractAddress, provider());
  const tx = await wallet.sendTransaction({
    to: project.contractAddress,
    data: retireCallData(version, {
      account: wallet.address,
      tokenId: BigInt(tokenId),
      units: 2_500_000_000_000_000_000n,
      commitment: opts.bind === false ? undefined : retirementCommitment(details, salt),
    }),
  });
  await tx.wait();
  const signedData = {
    beneficiary: details.beneficiary!,
    reason: details.reason ?? "",
    comment: details.comment ?? "",
    projectAddress: project.contractAddress,
    tokenId: String(tokenId),
  };
  const body = {
    signer: wallet.address,
    signature: await wallet.signMessage(finalizeMessage(signedData)),
    signedData,
    commitmentSalt: opts.bind === false ? undefined : salt,
    hideBeneficiaryUntil: opts.hideUntil?.toISOString(),
  };
  if (opts.finalize === false) {
    const { syncRetirements } = await import("@/lib/registry/retirements/sync-retirements");
    await syncRetirements();
    const row = await prisma.icrRetirement.findFirstOrThrow({ where: { txId: tx.hash } });
    return { id: row.id, body, txHash: tx.hash };
  }
  const finalized = await finalizeRetirement(body);
  return { id: finalized.id, body, txHash: tx.hash };
}

describe("the public proof of a retirement", () => {
  it("is Verified when the registry's row and the chain agree, the details bound by the salted commitment", async () => {
    const { id, txHash } = await retireAndFinalize();
    const proof = await loadRetirementProof(id);
    expect(proof.status).toBe("checked");
    if (proof.status !== "checked") return;
    expect(proof.verdict).toEqual({ verdict: "verified", detailsBound: true, notes: [] });
    expect(proof.chain).toMatchObject({ found: true, txHash, final: true, tokenId: String(tokenCounter - 1) });
    expect(proof.record).toMatchObject({ amount: "2.5", beneficiary: "Acme 2024 Ltd", isClaimed: true });
    const row = await prisma.icrRetirement.findUniqueOrThrow({ where: { id } });
    expect(row.commitment).toMatch(/^0x[0-9a-f]{64}$/);
    expect(row.commitmentSalt).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses to finalize details that differ from the commitment bound on chain, and changes nothing", async () => {
    const { id, body } = await retireAndFinalize({ finalize: false });
    const forged = { ...body.signedData, beneficiary: "Someone Else" };
    const wallet = retiree();
    const attempt = finalizeRetirement({
      ...body,
      signedData: forged,
      signature: await wallet.signMessage(finalizeMessage(forged)),
    });
    await expect(attempt).rejects.toSatisfy(
      (e) => e instanceof IcrHttpError && e.status === 422 && /do not match the commitment/.test(e.message),
    );
    await expect(finalizeRetirement({ ...body, commitmentSalt: undefined })).rejects.toSatisfy(
      (e) => e instanceof IcrHttpError && e.status === 422 && /send the commitmentSalt/.test(e.message),
    );
    const row = await prisma.icrRetirement.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ isClaimed: false, beneficiary: null, commitmentSalt: null });
    // The true details still finalize it.
    expect((await finalizeRetirement(body)).id).toBe(id);
  });

  it.each([
    ["amount", { amount: "3" }],
    ["token", { tokenId: "999" }],
    ["account", { retireeAddress: "0x000000000000000000000000000000000000dEaD" }],
    ["details commitment", { beneficiary: "Changed Beneficiary Ltd" }],
    ["details commitment", { commitmentSalt: "00".repeat(32) }],
  ] as const)("names the field when the registry's row is changed in the database: %s", async (field, change) => {
    const { id } = await retireAndFinalize();
    await prisma.icrRetirement.update({ where: { id }, data: change });
    const proof = await loadRetirementProof(id);
    expect(proof.status === "checked" && proof.verdict).toMatchObject({
      verdict: "mismatch",
      fields: [expect.objectContaining({ field })],
    });
  });

  it("names the contract when the row points at another contract", async () => {
    const { id } = await retireAndFinalize();
    const other = await ensureProject({ num: "proof-other", fullName: "Other", countryCode: "IS" });
    await prisma.icrRetirement.update({ where: { id }, data: { tokenAddress: other.contractAddress } });
    const proof = await loadRetirementProof(id);
    expect(proof.status === "checked" && proof.verdict).toMatchObject({
      verdict: "mismatch",
      fields: [expect.objectContaining({ field: "contract" })],
    });
  });

  it("is Pending until the transaction is final, then Verified", async () => {
    depth.confirmations = 3;
    const { id } = await retireAndFinalize();
    const pending = await loadRetirementProof(id);
    expect(pending.status === "checked" && pending.verdict).toMatchObject({
      verdict: "pending",
      waitingFor: [
        expect.stringMatching(/^the transaction to be final \(mined in block \d+; final once 3 blocks deep\)$/),
      ],
    });
    await anvil("anvil_mine", ["0x3"]);
    await expect
      .poll(async () => {
        const p = await loadRetirementProof(id);
        return p.status === "checked" && p.verdict.verdict;
      })
      .toBe("verified");
  });

  it("is Pending while the retiree has not finalized the details", async () => {
    const { id } = await retireAndFinalize({ finalize: false });
    const proof = await loadRetirementProof(id);
    expect(proof.status === "checked" && proof.verdict).toMatchObject({
      verdict: "pending",
      waitingFor: [expect.stringMatching(/finalize the details/)],
    });
  });

  it("still verifies a retirement that bound no details, and says they were not bound", async () => {
    const { id } = await retireAndFinalize({ bind: false });
    const proof = await loadRetirementProof(id);
    expect(proof.status === "checked" && proof.verdict).toMatchObject({
      verdict: "verified",
      detailsBound: false,
      notes: [expect.stringMatching(/were not bound on chain/)],
    });
  });

  it("shows a change of the registry's row within 10 s of its last read, without a visit waiting for the database before that", async () => {
    const { id } = await retireAndFinalize();
    forgetRetirementProofs();
    const verdict = async () => {
      const p = await loadRetirementProof(id);
      return p.status === "checked" ? p.verdict.verdict : p.status;
    };
    expect(await verdict()).toBe("verified");
    const t0 = Date.now();
    const clock = vi.spyOn(Date, "now");
    try {
      await prisma.icrRetirement.update({ where: { id }, data: { amount: { increment: 1 } } });
      // 6 s after the read: this visit is shown that read and starts a new one; later visits see the change.
      clock.mockReturnValue(t0 + 6_000);
      expect(await verdict()).toBe("verified");
      await vi.waitFor(async () => expect(await verdict()).toBe("mismatch"));
      // No visit for more than 10 s after the last read: the next one waits for a new read.
      await prisma.icrRetirement.update({ where: { id }, data: { amount: { decrement: 1 } } });
      clock.mockReturnValue(t0 + 6_000 + 10_000);
      expect(await verdict()).toBe("verified");
    } finally {
      clock.mockRestore();
    }
  });

  it("says the chain cannot be read, and gives no verdict", async () => {
    const { id } = await retireAndFinalize();
    forgetRetirementProofs();
    const g = globalThis as unknown as { chainProvider?: JsonRpcProvider };
    const real = g.chainProvider;
    g.chainProvider = new JsonRpcProvider("http://127.0.0.1:9", undefined, { staticNetwork: true });
    try {
      const proof = await loadRetirementProof(id);
      expect(proof).toMatchObject({ status: "unreadable", unreadable: "chain", record: { id } });
      expect(proof).not.toHaveProperty("verdict");
    } finally {
      g.chainProvider?.destroy();
      g.chainProvider = real;
    }
  });

  it("answers not found for an unknown or malformed id", async () => {
    expect(await loadRetirementProof("6b1f1c2e-8a7f-4a51-9f0e-9b7c2a1d3e4f")).toEqual({ status: "not_found" });
    expect(await loadRetirementProof("not-an-id")).toEqual({ status: "not_found" });
  });

  it("keeps a hidden beneficiary off the proof, the API answers and the certificate until its date, then renders the certificate once more", async () => {
    const name = "Hidden Beneficiary Ltd";
    const hideUntil = new Date(Date.now() + 30 * 24 * 3600_000);
    const { id } = await retireAndFinalize({ details: { beneficiary: name }, hideUntil });
    const seen = async () => {
      const { getRetirement, listRetirements } = await import("@/lib/registry/retirements/list-retirements");
      const { certificateFile } = await import("@/lib/registry/retirements/serve-certificate");
      const { PDFParse } = await import("pdf-parse");
      const pdf = (await certificateFile(id)).pdf;
      const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
      forgetRetirementProofs();
      return [
        JSON.stringify(await getRetirement(id)),
        JSON.stringify(await listRetirements({ skip: 0, first: 100 })),
        JSON.stringify(await loadRetirementProof(id), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
        text,
      ];
    };
    const before = await seen();
    for (const answer of before) expect(answer).not.toContain(name);
    expect(before[3]).toContain(`Hidden until ${hideUntil.toISOString().slice(0, 10)}`);
    const proof = await loadRetirementProof(id);
    expect(proof.status === "checked" && proof.verdict.verdict).toBe("verified");

    // The date comes: the next request renders the certificate once more, with the name.
    // (The certificate was rendered a day before the date; the date passed an hour ago.)
    await prisma.icrRetirementCertificate.update({
      where: { retirementId: id },
      data: { renderedAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await prisma.icrRetirement.update({
      where: { id },
      data: { beneficiaryHiddenUntil: new Date(Date.now() - 3600_000) },
    });
    const after = await seen();
    for (const answer of after) expect(answer).toContain(name);
  });

  it("refuses a hiding date more than 12 months ahead, and names and texts with contact details", async () => {
    const { ZFinalizeBody } = await import("@/lib/registry/api/schemas");
    const base = {
      signer: retiree().address,
      signature: `0x${"1".repeat(130)}`,
      signedData: { beneficiary: "Acme 2024 Ltd", projectAddress: retiree().address, tokenId: "1" },
    };
    expect(ZFinalizeBody.safeParse(base).success).toBe(true);
    const far = new Date(Date.now() + 400 * 24 * 3600_000).toISOString();
    expect(ZFinalizeBody.safeParse({ ...base, hideBeneficiaryUntil: far }).error?.issues[0]?.message).toBe(
      "hideBeneficiaryUntil may be at most 12 months ahead",
    );
    const withMail = { ...base, signedData: { ...base.signedData, beneficiary: "Jane jane@example.com" } };
    expect(ZFinalizeBody.safeParse(withMail).error?.issues[0]?.message).toBe(
      "signedData.beneficiary may not contain an e-mail address: it is published",
    );
    const withPhone = { ...base, signedData: { ...base.signedData, comment: "call +44 20 7946 0958" } };
    expect(ZFinalizeBody.safeParse(withPhone).error?.issues[0]?.message).toMatch(
      /^signedData.comment may not contain a phone number/,
    );
  });

  // Last: the extended client keeps the stand-in even after mockRestore.
  it("says the database cannot be read, and gives no verdict", async () => {
    const { id } = await retireAndFinalize();
    forgetRetirementProofs();
    const down = vi.spyOn(prisma.icrRetirement, "findUnique").mockRejectedValue(new Error("connection refused"));
    try {
      expect(await loadRetirementProof(id)).toEqual({ status: "unreadable", unreadable: "database" });
    } finally {
      down.mockRestore();
    }
  });
});
