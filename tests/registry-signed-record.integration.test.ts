import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { processRequest } from "@/lib/registry/requests/process-request";
import { storeCertificate } from "@/lib/registry/retirements/store-certificate";
import { startLocalServer } from "@/lib/testing/local-http-server";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";

// Carbonmark checks the registry's signed record of a retirement over HTTP, against the registry's
// published keys, spending no one's token. The registry here is the real one (its route handlers)
// behind a local HTTP server that can be told to alter its answers or to be down.
const { checkRegistrySignedRecord } = await import("@/lib/carbonmark/retirements/registry-signed-record");
const { GET: jwksRoute } = await import("@/app/icr/certificates/jwks.json/route");
const { GET: recordRoute } = await import("@/app/icr/retirements/[retirementId]/record/route");
const { POST: action } = await import("@/app/icr/api/organizations/[id]/inventory/action/[action]/route");

const registry = { tamper: undefined as undefined | ((body: { record: string }) => void), down: false };
let icr: Awaited<ReturnType<typeof startLocalServer>>;
let ICR_WEB_URL = "";

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (registry.down) return void res.socket?.destroy();
    const record = /^\/retirements\/([^/]+)\/record$/.exec(req.url);
    const answer =
      req.url === "/certificates/jwks.json"
        ? await jwksRoute(new Request("http://icr/certificates/jwks.json"))
        : record
          ? await recordRoute(new Request("http://icr/x"), { params: Promise.resolve({ retirementId: record[1]! }) })
          : new Response("{}", { status: 404 });
    let body = await answer.text();
    if (record && answer.status === 200 && registry.tamper) {
      const parsed = JSON.parse(body) as { record: string };
      registry.tamper(parsed);
      body = JSON.stringify(parsed);
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(body);
  });
  ICR_WEB_URL = config().ICR_WEB_URL;
  config().ICR_WEB_URL = icr.url;
});
afterAll(async () => {
  config().ICR_WEB_URL = ICR_WEB_URL;
  await icr.close();
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

describe("Carbonmark verifies the registry's signed record", async () => {
  const a = await orgWithCredits("cm-signed");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);

  async function finalRetirement(beneficiaryName: string) {
    const r = await callRoute(action, {
      url: "/x",
      params: { id: a.org.id, action: "retire" },
      token,
      body: { creditId: a.credit.id, amount: "0.5", beneficiaryName },
    });
    await acceptRequest({ requestId: r.json.id, userId: a.admin.id });
    expect(await processRequest(r.json.id)).toBe("processed");
    const row = await prisma.icrRetirement.findFirstOrThrow({ where: { requestId: r.json.id } });
    // As the registry's worker does when a retirement becomes final, before anyone asks.
    await storeCertificate(row.id);
    return row;
  }

  it("a final retirement's record is valid, names its key and facts; the keys are read once; no token is sent", async () => {
    const r = await finalRetirement("CM Bakery");
    const from = icr.requests.length;
    const check = await checkRegistrySignedRecord(r.id, { txHash: r.txId });
    expect(check).toMatchObject({
      valid: true,
      kid: expect.any(String),
      record: { id: r.id, amount: "0.5", beneficiary: "CM Bakery", txHash: r.txId },
    });
    const r2 = await finalRetirement("CM Bakery 2");
    expect(await checkRegistrySignedRecord(r2.id)).toMatchObject({ valid: true });
    const calls = icr.requests.slice(from);
    expect(calls.filter((c) => c.url === "/certificates/jwks.json")).toHaveLength(1);
    expect(calls.every((c) => !c.headers.authorization)).toBe(true);
  });

  it("a record altered on the way (one byte) is invalid, saying the signature does not match", async () => {
    const r = await finalRetirement("Tampered Bakery");
    registry.tamper = (b) => (b.record = b.record.replace('"amount":"0.5"', '"amount":"0.6"'));
    try {
      expect(await checkRegistrySignedRecord(r.id)).toMatchObject({
        valid: false,
        state: "invalid",
        reason: expect.stringMatching(/signature does not match the record/),
      });
    } finally {
      registry.tamper = undefined;
    }
  });

  it("a validly signed record of another transaction than Carbonmark recorded is not this retirement's", async () => {
    const r = await finalRetirement("Other Tx Bakery");
    expect(await checkRegistrySignedRecord(r.id, { txHash: `0x${"ee".repeat(32)}` })).toMatchObject({
      valid: false,
      state: "invalid",
      reason: expect.stringMatching(/another retirement \(transaction differ/),
    });
  });

  it("after a key rotation the keys are read again for a record naming the new key", async () => {
    const previous = config().ICR_SIGNING_KEY;
    config().ICR_SIGNING_KEY = generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    try {
      const r = await finalRetirement("Rotated Bakery");
      const check = await checkRegistrySignedRecord(r.id);
      expect(check.valid).toBe(true);
    } finally {
      config().ICR_SIGNING_KEY = previous;
    }
  });

  it("registry down: cannot check now (not 'invalid'); a retirement not final yet: unsigned; unknown: invalid", async () => {
    const r = await finalRetirement("Down Bakery");
    registry.down = true;
    try {
      expect(await checkRegistrySignedRecord(r.id)).toMatchObject({
        valid: false,
        state: "unavailable",
        reason: "the registry cannot be reached",
      });
    } finally {
      registry.down = false;
    }
    expect(await checkRegistrySignedRecord(r.id)).toMatchObject({ valid: true });
    expect(await checkRegistrySignedRecord("6c2b3f0e-7a62-4d1e-9b2a-0d5c1f3e4a5b")).toMatchObject({
      valid: false,
      state: "invalid",
    });
    // Made final on chain but not at the registry (no beneficiary yet): no signed record.
    const open = await finalRetirement("Open Bakery");
    await prisma.icrRetirementCertificate.delete({ where: { retirementId: open.id } });
    await prisma.icrRetirement.update({ where: { id: open.id }, data: { isClaimed: false, beneficiary: null } });
    expect(await checkRegistrySignedRecord(open.id)).toMatchObject({ valid: false, state: "unsigned" });
  });
});
