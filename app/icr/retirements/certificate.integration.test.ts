import { createHash } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
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
import { syncRetirements } from "@/lib/registry/retirements/sync-retirements";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";

// The certificate of a final retirement is rendered once and its stored bytes are served: by the
// public download (rate limited per client IP) and by the API's GET /retirements/{id}/pdf.
// Every render is counted (the renderer wrapped), so "rendered once" is what the test sees; a render
// can be made slow, so that concurrent callers surely overlap it.
const renders = vi.hoisted(() => ({ count: 0, delayMs: 0 }));
vi.mock("@/lib/registry/retirements/retirement-pdf", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/registry/retirements/retirement-pdf")>();
  return {
    ...real,
    renderCertificatePdf: async (...args: Parameters<typeof real.renderCertificatePdf>) => {
      renders.count++;
      await new Promise((r) => setTimeout(r, renders.delayMs));
      return real.renderCertificatePdf(...args);
    },
  };
});

const { GET: download } = await import("@/app/icr/retirements/[retirementId]/certificate/route");
const { GET: apiPdf } = await import("@/app/icr/api/retirements/[retirementId]/pdf/route");
const { POST: action } = await import("@/app/icr/api/organizations/[id]/inventory/action/[action]/route");
const { POST: finalize } = await import("@/app/icr/api/retirements/finalize/route");

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});
beforeEach(() => {
  renders.count = 0;
  renders.delayMs = 0;
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The public download as a browser at `ip` makes it. */
async function get(retirementId: string, ip = "198.51.100.1") {
  const res = await download(
    new Request(`http://test/icr/retirements/${retirementId}/certificate`, { headers: { "x-forwarded-for": ip } }),
    { params: Promise.resolve({ retirementId }) },
  );
  return { res, status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe("retirement certificates: rendered once, stored, served", async () => {
  const a = await orgWithCredits("cert");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);
  const anyToken = await tokenFor(a.org.id, []);

  /** A retirement made by a request an admin accepted: claimed as it is mined, so final. */
  async function finalRetirement(beneficiaryName: string): Promise<string> {
    const r = await callRoute(action, {
      url: "/x",
      params: { id: a.org.id, action: "retire" },
      token,
      body: { creditId: a.credit.id, amount: "0.5", beneficiaryName, retirementReason: "Net zero" },
    });
    await acceptRequest({ requestId: r.json.id, userId: a.admin.id });
    expect(await processRequest(r.json.id)).toBe("processed");
    return (await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.json.id } })).retirementId!;
  }

  it("8 parallel downloads of a final retirement with no stored certificate render it once; every download and the API's PDF are those stored bytes", async () => {
    const id = await finalRetirement("Parallel Bakery");
    renders.delayMs = 300;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(id)));
    expect(answers.map((x) => x.status)).toEqual(Array(8).fill(200));
    expect(answers[0]!.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(new Set(answers.map((x) => sha256(x.body))).size).toBe(1);
    const again = await get(id);
    const api = await callRoute(apiPdf, { url: "/x", params: { retirementId: id }, token: anyToken });
    expect(api.status).toBe(200);
    const apiBytes = Buffer.from(await api.res.arrayBuffer());
    expect(sha256(again.body)).toBe(sha256(answers[0]!.body));
    expect(sha256(apiBytes)).toBe(sha256(answers[0]!.body));
    const stored = await prisma.icrRetirementCertificate.findUniqueOrThrow({ where: { retirementId: id } });
    expect(stored.sha256).toBe(sha256(answers[0]!.body));
    // The job its processing queued finds the certificate stored and renders nothing.
    await runCertificateJobs();
    expect(renders.count).toBe(1);
    // A browser that has it is told so (304), by its SHA-256.
    const cached = await download(
      new Request(`http://test/icr/retirements/${id}/certificate`, {
        headers: { "x-forwarded-for": "198.51.100.1", "if-none-match": `"${stored.sha256}"` },
      }),
      { params: Promise.resolve({ retirementId: id }) },
    );
    expect(cached.status).toBe(304);
  });

  it("several app instances asking at once for a certificate not stored yet render it once", async () => {
    const { renderOnce } = await import("@/lib/registry/retirements/store-certificate");
    const id = await finalRetirement("Four Instances");
    renders.delayMs = 300;
    // renderOnce is what each instance runs (storeCertificate shares it within one process).
    const files = await Promise.all(Array.from({ length: 4 }, () => renderOnce(id)));
    expect(new Set(files.map((f) => f.sha256)).size).toBe(1);
    expect(renders.count).toBe(1);
  });

  it("a retirement processed on ICR has its certificate stored by the worker before anyone asks; the minutely sweep stores any a job missed", async () => {
    const id = await finalRetirement("Queued Bakery");
    await runCertificateJobs();
    expect(renders.count).toBe(1);
    expect((await get(id, "198.51.100.2")).status).toBe(200);
    expect(renders.count).toBe(1);

    const { storeMissingCertificates } = await import("@/lib/registry/retirements/store-certificate");
    const missed = await finalRetirement("Missed Bakery");
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = 'icr-store-certificate' AND id = ${missed}::uuid`;
    expect(await storeMissingCertificates()).toBeGreaterThanOrEqual(1);
    expect(await prisma.icrRetirementCertificate.count({ where: { retirementId: missed } })).toBe(1);
  });

  it("one client IP gets 429 with Retry-After after 60 downloads a minute; another IP still downloads", async () => {
    const id = await finalRetirement("Busy Client");
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await get(id, "203.0.113.77")).status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
    const refused = await get(id, "203.0.113.77");
    expect(refused.status).toBe(429);
    expect(Number(refused.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.toString()).toMatch(/Too many certificate downloads/);
    expect((await get(id, "203.0.113.78")).status).toBe(200);
  });

  it("a retirement that is not final yet (not claimed) has no certificate: 409 on both routes, nothing rendered", async () => {
    const wallet = Wallet.createRandom().connect(provider());
    await mintCredits({ tokenAddress: a.credit.tokenAddress, tokenId: "1", to: wallet.address, amount: "1" });
    const gas = new Wallet(process.env.CARBONMARK_GAS_KEY!, provider());
    await (await gas.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
    await (
      await carbonCredit(a.credit.tokenAddress, wallet).retire(wallet.address, 1n, parseUnits("1", 18), ZeroHash)
    ).wait();
    await syncRetirements();
    const open = await prisma.icrRetirement.findFirstOrThrow({
      where: { retireeAddress: wallet.address, isClaimed: false },
    });
    const pub = await get(open.id, "198.51.100.9");
    expect(pub.status).toBe(409);
    expect(pub.body.toString()).toMatch(/not final yet/);
    const api = await callRoute(apiPdf, { url: "/x", params: { retirementId: open.id }, token: anyToken });
    expect(api.status).toBe(409);
    expect(api.json.message).toMatch(/not final yet/);
    expect(renders.count).toBe(0);

    // Finalized by the retiree: now final, and its certificate is rendered then, before anyone asks.
    const signedData = {
      beneficiary: "Late Claimer",
      comment: "",
      reason: "",
      projectAddress: a.credit.tokenAddress,
      tokenId: "1",
    };
    const fin = await callRoute(finalize, {
      url: "/retirements/finalize",
      token: anyToken,
      body: { signer: wallet.address, signature: await wallet.signMessage(finalizeMessage(signedData)), signedData },
    });
    expect(fin.status).toBe(200);
    await runCertificateJobs();
    expect(renders.count).toBe(1);
    const first = await get(open.id, "198.51.100.9");
    expect(first.status).toBe(200);
    expect(renders.count).toBe(1);
  });

  it("unknown ids are 404 on both routes", async () => {
    expect((await get("6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b", "198.51.100.10")).status).toBe(404);
    expect((await get("not-an-id", "198.51.100.10")).status).toBe(404);
    const api = await callRoute(apiPdf, {
      url: "/x",
      params: { retirementId: "6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b" },
      token: anyToken,
    });
    expect(api.status).toBe(404);
  });
});

/** What the worker does: runs every queued certificate job. */
async function runCertificateJobs() {
  const { certificateQueue } = await import("@/lib/registry/retirements/certificate-queue");
  const b = await boss();
  for (;;) {
    const jobs = await b.fetch(certificateQueue.name, { batchSize: 10 });
    if (!jobs.length) return;
    await certificateQueue.handler(jobs);
    for (const j of jobs) await b.complete(certificateQueue.name, j.id);
  }
}
