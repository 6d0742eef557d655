import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";

// Anonymous visitors never make Carbonmark spend a user's ICR access token, and a user's certificate
// is fetched only with that user's own token. ICR is a stand-in that records every request and
// issues each installation its own token (tokenOf), so the test sees whose token
// every request carried. Who is signed in is the only thing mocked.
const session = vi.hoisted(() => ({ cm: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/carbonmark/auth/get-session-user", () => ({ getSessionUser: async () => session.cm }));

const { GET: publicCertificate } = await import("@/app/api/carbonmark/certificates/[icrRetirementId]/route");
const { GET: ownCertificate } = await import("@/app/api/carbonmark/retirements/[id]/certificate/route");
const { listPublicRetirements } = await import("@/lib/carbonmark/retirements/list-public-retirements");

/** The token the stand-in issues to an installation (tokens are crs_ and letters or digits). */
const tokenOf = (installationId: string) => `crs_${installationId.replaceAll("-", "")}`;
const PDF = Buffer.from("%PDF-1.4\n% stand-in certificate\n%%EOF\n");
let icr: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    const exchange = /^\/app\/installations\/([0-9a-f-]+)\/accessTokens$/.exec(req.url);
    if (exchange)
      return sendJson(res, 201, {
        token: tokenOf(exchange[1]!),
        expiresAt: new Date(Date.now() + 7200_000).toISOString(),
      });
    if (req.url.startsWith("/retirements/list")) return sendJson(res, 200, { retirements: [] });
    if (/^\/retirements\/[^/]+\/pdf$/.test(req.url)) {
      res.writeHead(200, { "content-type": "application/pdf" });
      res.end(PDF);
      return;
    }
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());
beforeEach(() => {
  session.cm = null;
});

/** Requests that reached ICR since `from`, each with the token it carried (if any). */
const icrCallsSince = (from: number) =>
  icr.requests.slice(from).map((r) => ({ url: r.url, token: r.headers.authorization?.replace(/^Bearer /, "") }));

/** A Carbonmark user with a certified retirement; connected to ICR (their own installation) unless told otherwise. */
async function userWithRetirement(label: string, opts: { connected?: boolean; beneficiary?: string } = {}) {
  const user = await ensureCmUser({ email: `${label}-${randomUUID()}@test.local`, name: label, password: "pw-123456" });
  const installationId = randomUUID();
  if (opts.connected !== false)
    await prisma.cmIcrConnection.create({
      data: { userId: user.id, installationId, organizationId: randomUUID(), organizationName: `Org ${label}` },
    });
  const retirement = await prisma.cmRetirement.create({
    data: {
      userId: user.id,
      idempotencyKey: randomUUID(),
      creditId: `exPost-1-0x${"ab".repeat(20)}`,
      amount: "1.25",
      beneficiary: opts.beneficiary ?? `${label} Beneficiary`,
      reason: "Net zero",
      comment: "private note",
      txHash: `0x${randomUUID().replaceAll("-", "").padEnd(64, "0")}`,
      status: "confirmed",
      icrRetirementId: randomUUID(),
    },
  });
  return {
    session: { id: user.id, email: user.email, name: user.name },
    installationId,
    retirement,
    icrRetirementId: retirement.icrRetirementId!,
  };
}

const registryCertificate = (icrRetirementId: string) =>
  `${process.env.ICR_WEB_URL}/retirements/${icrRetirementId}/certificate`;

const byIcrId = (icrRetirementId: string) =>
  publicCertificate(new Request(`http://test/api/carbonmark/certificates/${icrRetirementId}`), {
    params: Promise.resolve({ icrRetirementId }),
  });
const byOwnId = (id: string) =>
  ownCertificate(new Request(`http://test/api/carbonmark/retirements/${id}/certificate`), {
    params: Promise.resolve({ id }),
  });

describe("certificates and the public list without anyone's token", () => {
  it("an anonymous visitor's certificate link makes no ICR call: it redirects to the registry's public certificate", async () => {
    const owner = await userWithRetirement("anon-link");
    const from = icr.requests.length;
    const res = await byIcrId(owner.icrRetirementId);
    expect(icrCallsSince(from)).toEqual([]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(registryCertificate(owner.icrRetirementId));
  });

  it("a certificate link for a retirement Carbonmark did not record is 404, with no ICR call", async () => {
    await userWithRetirement("someone-connected");
    const from = icr.requests.length;
    const res = await byIcrId(randomUUID());
    expect(res.status).toBe(404);
    expect((await res.json()).message).toMatch(/not found/i);
    expect(icrCallsSince(from)).toEqual([]);
  });

  it("the public list shows Carbonmark's own certified retirements from its own records, with no ICR call", async () => {
    const owner = await userWithRetirement("public-list", { beneficiary: "Public Bakery" });
    const from = icr.requests.length;
    const page = await listPublicRetirements({ page: { skip: 0, first: 100 } });
    expect(icrCallsSince(from)).toEqual([]);
    const mine = page.retirements.find((r) => r.id === owner.icrRetirementId);
    expect(mine).toMatchObject({
      beneficiary: "Public Bakery",
      amount: "1.25",
      reason: "Net zero",
      certificateUrl: registryCertificate(owner.icrRetirementId),
    });
    expect(JSON.stringify(page)).not.toContain("private note");
  });

  it("a signed-in user asking for someone else's certificate is refused (404), and no ICR call is made", async () => {
    const owner = await userWithRetirement("owner");
    const other = await userWithRetirement("other");
    session.cm = other.session;
    const from = icr.requests.length;
    const res = await byOwnId(owner.retirement.id);
    expect(res.status).toBe(404);
    expect(icrCallsSince(from)).toEqual([]);
  });

  it("the owner's certificate is fetched with the owner's own token", async () => {
    await userWithRetirement("bystander"); // a more recently connected user, whose token must not be used
    const owner = await userWithRetirement("own-token");
    await userWithRetirement("bystander-2");
    session.cm = owner.session;
    const from = icr.requests.length;
    const res = await byOwnId(owner.retirement.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    const calls = icrCallsSince(from).filter((c) => c.token?.startsWith("crs_"));
    expect(calls).toEqual([{ url: `/retirements/${owner.icrRetirementId}/pdf`, token: tokenOf(owner.installationId) }]);
  });

  it("an owner who is not connected to ICR is sent to the registry's public certificate; no one else's token is used", async () => {
    await userWithRetirement("connected-bystander");
    const owner = await userWithRetirement("disconnected", { connected: false });
    session.cm = owner.session;
    const from = icr.requests.length;
    const res = await byOwnId(owner.retirement.id);
    expect(icrCallsSince(from)).toEqual([]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(registryCertificate(owner.icrRetirementId));
  });
});
