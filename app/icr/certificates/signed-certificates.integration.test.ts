import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import jsQR from "jsqr";
import { afterAll, describe, expect, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { processRequest } from "@/lib/registry/requests/process-request";
import { QR_BOX } from "@/lib/registry/retirements/retirement-pdf";
import { storeCertificate } from "@/lib/registry/retirements/store-certificate";
import { pdfArea, pdfText } from "@/lib/testing/pdf-reader";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";

// Signed certificates: the registry signs each final retirement's record (RFC 8785 + detached JWS,
// Ed25519), the PDF carries it with the signature's digest and a QR code to the proof page, and
// anyone verifies a file: POST /icr/certificates/verify, or offline with the CLI and a saved JWKS.
// Tests that run the CLI get 3 minutes: each run starts tsx and pdf.js afresh.
const { POST: verifyRoute } = await import("@/app/icr/certificates/verify/route");
const { GET: jwksRoute } = await import("@/app/icr/certificates/jwks.json/route");
const { GET: download } = await import("@/app/icr/retirements/[retirementId]/certificate/route");
const { GET: recordRoute } = await import("@/app/icr/retirements/[retirementId]/record/route");
const { POST: action } = await import("@/app/icr/api/organizations/[id]/inventory/action/[action]/route");

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

let ipCount = 0;
/** POSTs a body to the verify endpoint, each call from its own client IP unless one is given. */
async function verify(body: BodyInit, contentType: string | null, ip = `198.51.100.${++ipCount}`) {
  const headers: Record<string, string> = { "x-forwarded-for": ip };
  if (contentType) headers["content-type"] = contentType;
  const res = await verifyRoute(new Request("http://test/icr/certificates/verify", { method: "POST", headers, body }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function jwks() {
  const res = await jwksRoute(new Request("http://test/icr/certificates/jwks.json"));
  expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
  return (await res.json()) as { keys: { kid: string; kty: string; crv: string; x: string; d?: string }[] };
}

const dir = mkdtempSync(path.join(tmpdir(), "signed-certificates-"));
function file(name: string, bytes: Buffer | string): string {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

/** The offline verifier as an auditor runs it (npm run verify-certificate -- file.pdf --jwks jwks.json). */
async function cli(pdf: Buffer, keys: unknown) {
  const args = [
    "node_modules/tsx/dist/cli.mjs",
    "scripts/verify-certificate.ts",
    file(`c-${Math.random()}.pdf`, pdf),
    "--jwks",
    file(`jwks-${Math.random()}.json`, JSON.stringify(keys)),
  ];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: process.cwd() });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** The QR code as a phone reads it from the printed page: the code's area rendered at 150 dpi (pdf.js), decoded (jsQR). */
async function qrCodeOnPage(pdf: Buffer): Promise<string | undefined> {
  const pad = 12;
  const size = QR_BOX.size + 2 * pad;
  const area = { page: 1, x: QR_BOX.x - pad, y: QR_BOX.y - pad, width: size, height: size, dpi: 150 };
  const { rgba, width, height } = await pdfArea(pdf, area);
  return jsQR(rgba, width, height)?.data;
}

/** The same PDF with one byte of its attached signed record changed: the amount's last digit. */
function withRecordByteFlipped(pdf: Buffer, amount: string): Buffer {
  const at = pdf.indexOf(`"amount":"${amount}"`);
  expect(at).toBeGreaterThan(0);
  const copy = Buffer.from(pdf);
  const i = at + `"amount":"${amount}`.length - 1;
  copy[i] = copy[i] === 0x39 ? 0x38 : copy[i]! + 1;
  return copy;
}

describe("signed certificates", async () => {
  const a = await orgWithCredits("signed");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write"]);

  /** A final retirement (a retire request an admin accepted: claimed as it is mined) and its stored certificate. */
  async function finalRetirement(beneficiaryName: string, amount = "0.5") {
    const r = await callRoute(action, {
      url: "/x",
      params: { id: a.org.id, action: "retire" },
      token,
      body: { creditId: a.credit.id, amount, beneficiaryName, retirementReason: "Net zero 2026" },
    });
    await acceptRequest({ requestId: r.json.id, userId: a.admin.id });
    expect(await processRequest(r.json.id)).toBe("processed");
    const id = (await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.json.id } })).retirementId!;
    return { id, pdf: (await storeCertificate(id)).pdf };
  }

  it("a certificate carries its signed record: the endpoint and the offline CLI name the key and give the record; its QR code opens the proof page", async () => {
    const { id, pdf } = await finalRetirement("Signed Bakery", "0.5");
    const keys = await jwks();
    expect(keys.keys).toHaveLength(1);
    const [key] = keys.keys;
    expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(key).not.toHaveProperty("d");

    const online = await verify(new Uint8Array(pdf), "application/pdf");
    expect(online.status).toBe(200);
    expect(online.json).toMatchObject({
      valid: true,
      kid: key!.kid,
      record: {
        id,
        amount: "0.5",
        beneficiary: "Signed Bakery",
        reason: "Net zero 2026",
        contract: a.credit.tokenAddress,
        tokenId: "1",
        logIndex: expect.any(Number),
        chainId: "31337",
      },
    });
    // The digest printed on the page is the signature's.
    const text = await pdfText(pdf);
    expect(text).toContain(`Signature SHA-256 ${online.json.digest as string}`);
    expect(text).toContain(key!.kid);

    // The same record as JSON, for Carbonmark (public, no token).
    const rec = await recordRoute(new Request(`http://test/icr/retirements/${id}/record`), {
      params: Promise.resolve({ retirementId: id }),
    });
    expect(((await rec.json()) as { kid: string }).kid).toBe(key!.kid);

    const offline = await cli(pdf, keys);
    expect(offline.code).toBe(0);
    expect(offline.out).toContain(`VALID: signed by key ${key!.kid}`);
    expect(offline.out).toContain('"beneficiary": "Signed Bakery"');

    expect(await qrCodeOnPage(pdf)).toBe(`${config().ICR_WEB_URL}/retirements/${id}/proof`);
  }, 180_000);

  it("one byte of the signed record changed: the endpoint and the CLI refuse it, saying the signature does not match", async () => {
    const { pdf } = await finalRetirement("Flipped Bakery", "0.25");
    const flipped = withRecordByteFlipped(pdf, "0.25");
    const online = await verify(new Uint8Array(flipped), "application/pdf");
    expect(online.status).toBe(422);
    expect(online.json).toMatchObject({ valid: false });
    expect(online.json.reason).toMatch(/signature does not match the record/);

    const offline = await cli(flipped, await jwks());
    expect(offline.code).toBe(1);
    expect(offline.out).toMatch(/INVALID: the signature does not match the record/);
  }, 180_000);

  it("a page printing other facts than its signed record fails, naming them", async () => {
    const { pdf } = await finalRetirement("Page Bakery", "0.125");
    // The signed record (and its signature) taken from this certificate and attached to another's page.
    const other = await finalRetirement("Fake Bakery", "0.375");
    const recordOf = (p: Buffer) => {
      const from = p.indexOf('{"account":');
      return p.subarray(from, p.indexOf("\nendstream", from));
    };
    const sigOf = (p: Buffer) => {
      const from = p.indexOf("/Subtype /application#2Fjose");
      const start = p.indexOf("stream\n", from) + "stream\n".length;
      return p.subarray(start, p.indexOf("\nendstream", start));
    };
    // Same lengths (same shape of record), so the PDF's offsets stay right.
    expect(recordOf(pdf).length).toBe(recordOf(other.pdf).length);
    const forged = Buffer.from(other.pdf);
    recordOf(pdf).copy(forged, other.pdf.indexOf('{"account":'));
    sigOf(pdf).copy(forged, forged.indexOf(sigOf(other.pdf)));
    const online = await verify(new Uint8Array(forged), "application/pdf");
    expect(online.status).toBe(422);
    expect(online.json.reason).toMatch(
      /page does not print what its signed record says \(retirement id, amount, transaction, signature digest\)/,
    );
  });

  it("rotating the key: the old certificate still verifies by its old key; a new certificate is signed by the new key; both keys are published", async () => {
    const before = await finalRetirement("Before Rotation", "0.5");
    const oldKid = (await verify(new Uint8Array(before.pdf), "application/pdf")).json.kid as string;

    const previous = config().ICR_SIGNING_KEY;
    config().ICR_SIGNING_KEY = generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    try {
      const after = await finalRetirement("After Rotation", "0.5");
      const newer = await verify(new Uint8Array(after.pdf), "application/pdf");
      expect(newer.status).toBe(200);
      expect(newer.json.kid).not.toBe(oldKid);
      const older = await verify(new Uint8Array(before.pdf), "application/pdf");
      expect(older).toMatchObject({ status: 200, json: { valid: true, kid: oldKid } });
      const published = (await jwks()).keys.map((k) => k.kid);
      expect(published).toEqual(expect.arrayContaining([oldKid, newer.json.kid]));
      // Offline, with the JWKS saved after the rotation, the old certificate verifies too.
      expect((await cli(before.pdf, await jwks())).code).toBe(0);
      // A JWKS without the old key: the old certificate names the key it lacks.
      const onlyNew = { keys: (await jwks()).keys.filter((k) => k.kid !== oldKid) };
      const stale = await cli(before.pdf, onlyNew);
      expect(stale.code).toBe(1);
      expect(stale.out).toContain(`the key ${oldKid} that signed it is not in the registry's published keys`);
    } finally {
      config().ICR_SIGNING_KEY = previous;
    }
  }, 180_000);

  it("a certificate stored before certificates were signed is re-rendered once, signed, at its next download", async () => {
    const { id } = await finalRetirement("Old Bakery", "0.5");
    await prisma.icrRetirementCertificate.update({
      where: { retirementId: id },
      data: {
        pdf: new Uint8Array(Buffer.from("%PDF-1.3 unsigned")),
        sha256: "0".repeat(64),
        record: null,
        jws: null,
        kid: null,
      },
    });
    const get = async () => {
      const res = await download(
        new Request(`http://test/icr/retirements/${id}/certificate`, { headers: { "x-forwarded-for": "203.0.113.5" } }),
        { params: Promise.resolve({ retirementId: id }) },
      );
      return Buffer.from(await res.arrayBuffer());
    };
    const first = await get();
    expect((await verify(new Uint8Array(first), "application/pdf")).json).toMatchObject({ valid: true });
    const row = await prisma.icrRetirementCertificate.findUniqueOrThrow({ where: { retirementId: id } });
    expect(row.jws).toBeTruthy();
    expect((await get()).equals(first)).toBe(true);
  });

  it("the verify endpoint refuses what is not a certificate with a clear 4xx, never a 500", async () => {
    const { pdf } = await finalRetirement("Form Bakery", "0.5");
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "certificate.pdf");
    expect((await verify(form, null)).json).toMatchObject({ valid: true });

    const cases: [BodyInit, string | null, number, RegExp][] = [
      ["hello, I am not a PDF", "application/pdf", 400, /not a PDF/],
      [new Uint8Array(0), "application/pdf", 400, /No file/],
      [new Uint8Array(pdf), "text/plain", 415, /application\/pdf/],
      [new Uint8Array(Buffer.alloc(3 * 1024 * 1024, 0x25)), "application/pdf", 413, /at most 2 MB/],
      [new FormData(), null, 400, /"file" field/],
      ["--x\r\nnonsense", "multipart/form-data; boundary=zzz", 400, /form cannot be read|"file" field/],
    ];
    for (const [body, type, status, message] of cases) {
      const r = await verify(body, type);
      expect({ status: r.status, message: r.json.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    // A PDF that is not a signed certificate, and one cut short: a verdict saying why (422).
    const unsigned = await verify(
      new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF")),
      "application/pdf",
    );
    expect(unsigned).toMatchObject({ status: 422, json: { valid: false } });
    expect(unsigned.json.reason).toMatch(/carries no signed record/);
    const cut = await verify(new Uint8Array(pdf.subarray(0, pdf.length / 2)), "application/pdf");
    expect(cut.status).toBe(422);
  });

  it("one client IP gets 429 after 30 verifications a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await verify("not a pdf", "application/pdf", "203.0.113.99")).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400));
    expect(statuses[30]).toBe(429);
  });
});
