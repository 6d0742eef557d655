import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { createApiKey } from "@/lib/carbonmark/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/carbonmark/api-keys/manage-api-keys";
import { API_FAILED_AUTH_PER_15_MINUTES } from "@/lib/carbonmark/api/api-limits";
import { handleApiRequest } from "@/lib/carbonmark/api/api-router";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { icrInventoryAnswer } from "@/lib/testing/icr-inventory-answer";
import { responseProblems } from "@/lib/testing/openapi-check";

// ICR played by a local server: installation tokens, the inventory and transfer requests.
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
const creditId = "exPost-1-0x2222222222222222222222222222222222222222";
const transfers: Record<string, unknown>[] = [];
let icr: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  icr = await startLocalServer((req, res) => {
    const url = req.url ?? "";
    if (url.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (url === `/organizations/${organizationId}/inventory`)
      return sendJson(
        res,
        200,
        icrInventoryAnswer(organizationId, [
          {
            id: creditId,
            tokenId: "1",
            tokenAddress: "0x2222222222222222222222222222222222222222",
            serialization: "ICR-ISL-354-78001-1-R-0-2021",
            vintage: "2021",
            amount: 100,
            available: 40,
            projectName: "Icelandic Highlands Reforestation",
          },
        ]),
      );
    if (url === `/organizations/${organizationId}/inventory/action/transfer` && req.method === "POST") {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      transfers.push(body);
      return sendJson(res, 200, {
        id: randomUUID(),
        action: "transfer",
        type: "exPost",
        toAddress: body.toAddress,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        tokenId: "1",
        tokenAddress: "0x2222222222222222222222222222222222222222",
        creditId,
        serialization: "ICR-ISL-354-78001-1-R-0-2021",
        vintage: "2021",
        amount: Number(body.amount),
        fromOrganizationId: organizationId,
        state: "pending_request",
      });
    }
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(() => icr.close());

/** Every answer of this file, checked against the served OpenAPI document at the end. */
const answers: { path: string; method: string; status: number; body: unknown }[] = [];

async function call(
  method: string,
  template: string,
  opts: {
    key?: string;
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    headers?: Record<string, string>;
    rawBody?: string;
  } = {},
) {
  const path = template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(opts.params?.[n] ?? ""));
  const headers: Record<string, string> = {
    ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
    ...opts.headers,
  };
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await handleApiRequest(
    new Request(`${config().APP_URL}/api/v1${path}${opts.query ?? ""}`, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    }),
  );
  const body = (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } };
  answers.push({ path: template, method, status: res.status, body });
  return { status: res.status, body, headers: res.headers };
}

async function connectedUser(label: string) {
  const u = await ensureCmUser({
    email: `api-${label}@test.local`,
    name: "Api",
    password: "password-123",
    pin: "123456",
  });
  await prisma.cmIcrConnection.create({
    data: { userId: u.id, installationId, organizationId, organizationName: "Verdant" },
  });
  return u;
}

describe("API keys", () => {
  it("are shown once, stored hashed, and their creation mails a security notice", async () => {
    const u = await connectedUser("keys");
    const created = await createApiKey({ userId: u.id, name: "ERP", scope: "read" });
    expect(created.key).toMatch(/^cmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.cmApiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key.slice(17));
    const mail = await prisma.cmMailOutbox.findMany({
      where: { kind: "security:api_key_created", recipient: u.email },
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(created.prefix);

    expect((await call("GET", "/portfolio", { key: created.key })).status).toBe(200);
    expect((await prisma.cmApiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
  });

  it("a revoked key is refused at once", async () => {
    const u = await connectedUser("revoke");
    const { id, key } = await createApiKey({ userId: u.id, name: "Once", scope: "read_write" });
    expect((await call("GET", "/activity", { key })).status).toBe(200);
    await revokeApiKey({ userId: u.id, keyId: id });
    const after = await call("GET", "/activity", { key });
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe("key_revoked");
  });

  it("a frozen account gets no key, and its keys are refused", async () => {
    const u = await connectedUser("frozen");
    const { key } = await createApiKey({ userId: u.id, name: "Before", scope: "read" });
    await prisma.cmUser.update({ where: { id: u.id }, data: { frozenAt: new Date() } });
    await expect(createApiKey({ userId: u.id, name: "After", scope: "read" })).rejects.toThrow(/frozen/);
    const r = await call("GET", "/portfolio", { key });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe("account_frozen");
  });

  it("refuses a missing, malformed or unknown key with 401", async () => {
    for (const key of [undefined, "nope", `cmk_000000000000_${"x".repeat(43)}`]) {
      const r = await call("GET", "/portfolio", { key });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe("Bearer");
    }
  });
});

describe("import requests", () => {
  it("a read-only key cannot write", async () => {
    const u = await connectedUser("readonly");
    const { key } = await createApiKey({ userId: u.id, name: "Reader", scope: "read" });
    const before = transfers.length;
    const r = await call("POST", "/imports", {
      key,
      body: { creditId, quantity: "1" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe("insufficient_scope");
    expect(transfers.length).toBe(before);
    expect(await prisma.cmImport.count({ where: { userId: u.id } })).toBe(0);
  });

  it("the same Idempotency-Key twice makes one import and answers the same; another body under it is 422", async () => {
    const u = await connectedUser("idem");
    const { key } = await createApiKey({ userId: u.id, name: "Writer", scope: "read_write" });
    const idem = `order-${randomUUID()}`;
    const before = transfers.length;
    const body = { creditId, quantity: "2.5" };
    const first = await call("POST", "/imports", { key, body, headers: { "idempotency-key": idem } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ creditId, amount: "2.5", state: "pending_request", action: "transfer" });
    // The same body in another key order is the same request.
    const second = await call("POST", "/imports", {
      key,
      rawBody: JSON.stringify({ quantity: "2.5", creditId }),
      headers: { "idempotency-key": idem, "content-type": "application/json" },
    });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(transfers.length - before).toBe(1);
    expect(await prisma.cmImport.count({ where: { userId: u.id } })).toBe(1);

    const other = await call("POST", "/imports", {
      key,
      body: { creditId, quantity: "3" },
      headers: { "idempotency-key": idem },
    });
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe("idempotency_key_reused");
    expect(transfers.length - before).toBe(1);

    // A refusal is an answer too: replayed as it was, without asking ICR again.
    const tooMuch = `too-much-${randomUUID()}`;
    const refused = await call("POST", "/imports", {
      key,
      body: { creditId, quantity: "41" },
      headers: { "idempotency-key": tooMuch },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.message).toMatch(/Only 40 credits/);
    const again = await call("POST", "/imports", {
      key,
      body: { creditId, quantity: "41" },
      headers: { "idempotency-key": tooMuch },
    });
    expect(again.body).toEqual(refused.body);
  });

  it("refuses bad input with a clear 4xx and changes nothing", async () => {
    const u = await connectedUser("badinput");
    const { key } = await createApiKey({ userId: u.id, name: "Writer", scope: "read_write" });
    const idem = { "idempotency-key": randomUUID() };
    const cases: [Parameters<typeof call>[2], number, RegExp][] = [
      [{ key, body: { creditId, quantity: "1" } }, 400, /Idempotency-Key/],
      [{ key, body: { creditId, quantity: "1" }, headers: { "idempotency-key": "short" } }, 400, /8 to 255/],
      [{ key, body: { creditId, quantity: "1.0001" }, headers: idem }, 400, /quantity/],
      [{ key, body: { creditId, quantity: 1 }, headers: idem }, 400, /quantity/],
      [{ key, body: { creditId: "a\u0000b", quantity: "1" }, headers: idem }, 400, /NUL/],
      [{ key, rawBody: "{not json", headers: { ...idem, "content-type": "application/json" } }, 400, /not valid JSON/],
      [
        { key, rawBody: "creditId=x", headers: { ...idem, "content-type": "application/x-www-form-urlencoded" } },
        415,
        /JSON/,
      ],
      [{ key, rawBody: JSON.stringify({ creditId: "x".repeat(40_000), quantity: "1" }), headers: idem }, 413, /32 KiB/],
    ];
    for (const [opts, status, message] of cases) {
      const r = await call("POST", "/imports", opts);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error?.message).toMatch(message);
    }
    expect(await prisma.cmImport.count({ where: { userId: u.id } })).toBe(0);
    expect(await prisma.cmApiIdempotency.count({ where: { userId: u.id } })).toBe(0);
  });
});

describe("reads", () => {
  it("pages through activity without repeats or gaps, and refuses a forged cursor", async () => {
    const u = await connectedUser("activity");
    const { key } = await createApiKey({ userId: u.id, name: "Reader", scope: "read" });
    const at = new Date("2026-11-01T10:00:00Z");
    for (let i = 0; i < 3; i++) {
      await prisma.cmImport.create({
        data: {
          userId: u.id,
          idempotencyKey: randomUUID(),
          organizationId,
          creditId,
          projectName: "P",
          serialization: "S",
          vintage: "2021",
          amount: "0.001",
          toAddress: u.wallet!.address,
          state: "processed",
          createdAt: at, // the same instant: the cursor must still order them
        },
      });
      await prisma.cmExport.create({
        data: {
          userId: u.id,
          idempotencyKey: randomUUID(),
          organizationId,
          creditId,
          amount: "1.25",
          toAddress: "0x3333333333333333333333333333333333333333",
          status: "confirmed",
          createdAt: new Date(at.getTime() + i * 1000),
        },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof call>> = await call("GET", "/activity", {
        key,
        query: `?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(r.status).toBe(200);
      const page = r.body as unknown as { items: { id: string; amount: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const all = await call("GET", "/activity", { key, query: "?limit=200" });
    expect((all.body.items as { amount: string }[]).map((i) => i.amount).sort()).toEqual([
      "0.001",
      "0.001",
      "0.001",
      "1.25",
      "1.25",
      "1.25",
    ]);

    for (const query of ["?cursor=garbage", "?limit=0", "?limit=abc", "?limit=1000"])
      expect((await call("GET", "/activity", { key, query })).status).toBe(400);
  });

  it("lists retirements with their proof links; another user's retirement is 404", async () => {
    const u = await connectedUser("retire");
    const other = await connectedUser("retire-other");
    const { key } = await createApiKey({ userId: u.id, name: "Reader", scope: "read" });
    const mine = await prisma.cmRetirement.create({
      data: {
        userId: u.id,
        idempotencyKey: randomUUID(),
        creditId,
        amount: "0.001",
        beneficiary: '=HYPERLINK("x")',
        reason: "",
        comment: "",
        status: "confirmed",
        txHash: "0x" + "ab".repeat(32),
        icrRetirementId: "ret-123",
        finalAt: new Date(),
      },
    });
    const theirs = await prisma.cmRetirement.create({
      data: {
        userId: other.id,
        idempotencyKey: randomUUID(),
        creditId,
        amount: "1",
        beneficiary: "B",
        reason: "",
        comment: "",
      },
    });
    const list = await call("GET", "/retirements", { key });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: mine.id,
        amount: "0.001",
        stage: "certified",
        proofUrl: `${config().ICR_WEB_URL}/retirements/ret-123/proof`,
      }),
    ]);
    expect((await call("GET", "/retirements/{id}", { key, params: { id: mine.id } })).status).toBe(200);
    const proof = await call("GET", "/retirements/{id}/proof", { key, params: { id: mine.id } });
    expect(proof.body).toMatchObject({ retirementId: mine.id, txHash: mine.txHash, icrRetirementId: "ret-123" });
    expect((await call("GET", "/retirements/{id}", { key, params: { id: theirs.id } })).status).toBe(404);
    expect((await call("GET", "/retirements/{id}/proof", { key, params: { id: "not-a-uuid" } })).status).toBe(400);
  });

  it("answers unknown paths and methods with JSON", async () => {
    const u = await connectedUser("paths");
    const { key } = await createApiKey({ userId: u.id, name: "Reader", scope: "read" });
    const res = await handleApiRequest(
      new Request(`${config().APP_URL}/api/v1/nope`, { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const del = await handleApiRequest(new Request(`${config().APP_URL}/api/v1/portfolio`, { method: "DELETE" }));
    expect(del.status).toBe(405);
  });
});

describe("the OpenAPI document", () => {
  it("is served, and every answer of this file fits it", async () => {
    const res = await handleApiRequest(new Request(`${config().APP_URL}/api/v1/openapi.json`));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/activity",
        "/imports",
        "/portfolio",
        "/retirements",
        "/retirements/{id}",
        "/retirements/{id}/proof",
      ]),
    );
    expect(answers.length).toBeGreaterThan(20);
    const statuses = new Set(answers.map((a) => a.status));
    for (const s of [200, 201, 400, 401, 403, 404, 413, 415, 422]) expect(statuses).toContain(s);
    const problems = answers.flatMap((a) =>
      responseProblems(doc, a).map((p) => `${a.method} ${a.path} ${a.status}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("the checker catches an answer off the document", async () => {
    const res = await handleApiRequest(new Request(`${config().APP_URL}/api/v1/openapi.json`));
    const doc = await res.json();
    expect(
      responseProblems(doc, {
        path: "/portfolio",
        method: "GET",
        status: 200,
        body: { address: "0x", holdings: [{ amount: 1 }] },
      }),
    ).not.toEqual([]);
  });
});

describe("rate limits", () => {
  it("a client guessing keys is limited by its IP; a valid key from the same IP keeps working", async () => {
    const u = await connectedUser("limits");
    const { key } = await createApiKey({ userId: u.id, name: "Reader", scope: "read" });
    const guess = (i: number) =>
      handleApiRequest(
        new Request(`${config().APP_URL}/api/v1/portfolio`, {
          headers: {
            authorization: `Bearer cmk_${"0".repeat(12)}_${String(i).padStart(43, "x")}`,
            "x-forwarded-for": "203.0.113.9",
          },
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < API_FAILED_AUTH_PER_15_MINUTES + 1; i++) statuses.push((await guess(i)).status);
    expect(statuses.slice(0, API_FAILED_AUTH_PER_15_MINUTES)).toEqual(Array(API_FAILED_AUTH_PER_15_MINUTES).fill(401));
    const limited = await guess(999);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const owner = await handleApiRequest(
      new Request(`${config().APP_URL}/api/v1/portfolio`, {
        headers: { authorization: `Bearer ${key}`, "x-forwarded-for": "203.0.113.9" },
      }),
    );
    expect(owner.status).toBe(200);
  });
});
