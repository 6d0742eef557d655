import { createPrivateKey } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { API_BODY_LIMIT_BYTES } from "@/lib/registry/api/icr-route";
import { createInstallationToken } from "@/lib/registry/apps/create-installation-token";
import { installApp } from "@/lib/registry/apps/install-app";
import { listRequestRows } from "@/lib/registry/web/list-request-rows";
import { ensureApp, ensureIcrUser } from "@/lib/seed/registry-factories";
import { callRoute, orgWithCredits, tokenFor } from "@/lib/testing/registry-api";
import { POST as action } from "./organizations/[id]/inventory/action/[action]/route";
import { POST as finalize } from "./retirements/finalize/route";
import { GET as getRetirement } from "./retirements/route";
import { GET as listInstallations } from "./app/installations/route";
import { GET as unknownPath, POST as unknownPathPost } from "./[...path]/route";
import { GET as openapi } from "./openapi.json/route";

// The ICR API never answers 500 to bad input: each bad input gets its 4xx with a
// message naming the problem, and nothing changes.
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const APP_ID = process.env.ICR_APP_ID!;
async function appJwt() {
  const pem = createPrivateKey(process.env.ICR_APP_PRIVATE_KEY!).export({ type: "pkcs8", format: "pem" }).toString();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(APP_ID)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 540)
    .sign(await importPKCS8(pem, "RS256"));
}

describe("ICR API input limits", async () => {
  const a = await orgWithCredits("limits");
  const token = await tokenFor(a.org.id, ["organization_inventory:read_write", "organization_info:read"]);
  const to = "0x00000000000000000000000000000000000000a1";
  const url = `/organizations/${a.org.id}/inventory/action/transfer`;
  const snapshot = async () => ({
    requests: await prisma.icrCreditRequest.count(),
    retirements: await prisma.icrRetirement.count(),
  });
  const raw = (
    actionName: string,
    body: BodyInit,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) =>
    action(
      new Request(`http://test/icr/api/organizations/${a.org.id}/inventory/action/${actionName}`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${token}`, ...headers },
        duplex: "half",
      } as RequestInit),
      {
        params: Promise.resolve({ id: a.org.id, action: actionName }),
      },
    );

  it.each([
    ["creditId", "transfer", () => ({ creditId: `${a.credit.id}\u0000`, amount: 1, toAddress: to })],
    [
      "beneficiaryName",
      "transfer_retire",
      () => ({ creditId: a.credit.id, amount: 1, toAddress: to, beneficiaryName: "Acme\u0000Ltd" }),
    ],
    [
      "retirementComment",
      "retire",
      () => ({ creditId: a.credit.id, amount: 1, beneficiaryName: "Acme", retirementComment: "a\u0000b" }),
    ],
    [
      "retirementData.comment",
      "retire",
      () => ({ creditId: a.credit.id, amount: 1, retirementData: { beneficiaryName: "Acme", comment: "\u0000" } }),
    ],
  ])("a NUL byte in %s is a 400 naming the field, and nothing changes", async (field, actionName, body) => {
    const before = await snapshot();
    const r = await callRoute(action, { url, params: { id: a.org.id, action: actionName }, token, body: body() });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain(`${field} contains a NUL character`);
    expect(r.json.issues).toEqual([{ path: field, message: "must not contain NUL characters" }]);
    expect(await snapshot()).toEqual(before);
  });

  it("a NUL byte in a finalize field is a 400 naming it, and nothing changes", async () => {
    const before = await snapshot();
    const body = {
      signer: to,
      signature: `0x${"1".repeat(130)}`,
      signedData: {
        beneficiary: "B\u0000",
        comment: "",
        reason: "",
        projectAddress: a.credit.tokenAddress,
        tokenId: "1",
      },
    };
    const r = await callRoute(finalize, { url: "/retirements/finalize", token, body });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("signedData.beneficiary contains a NUL character");
    expect(await snapshot()).toEqual(before);
  });

  it("a NUL byte in a query parameter is a 400 naming it", async () => {
    const r = await callRoute(getRetirement, { url: "/retirements?id=a%00b", token });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain("id contains a NUL character");
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], [undefined]])(
    "a JSON body sent as %s is a 415, and nothing changes",
    async (type) => {
      const before = await snapshot();
      const res = await raw(
        "transfer",
        JSON.stringify({ creditId: a.credit.id, amount: 1, toAddress: to }),
        type ? { "content-type": type } : {},
      );
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({
        statusCode: 415,
        error: "Unsupported Media Type",
        message: expect.stringMatching(/Content-Type: application\/json/),
      });
      expect(await snapshot()).toEqual(before);
    },
  );

  it("application/json with a charset is accepted", async () => {
    const res = await raw("transfer", JSON.stringify({ creditId: a.credit.id, amount: 0.001, toAddress: to }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(res.status).toBe(200);
  });

  it("a body over 32 KiB is a 413, declared or streamed, and nothing changes", async () => {
    const before = await snapshot();
    const big = JSON.stringify({
      creditId: a.credit.id,
      amount: 1,
      toAddress: to,
      retirementComment: "x".repeat(3 * 1024 * 1024),
    });
    const declared = await raw("transfer", big, {
      "content-type": "application/json",
      "content-length": String(big.length),
    });
    expect(declared.status).toBe(413);
    expect((await declared.json()).message).toMatch(/larger than 32768 bytes/);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < big.length; i += 65536) c.enqueue(new TextEncoder().encode(big.slice(i, i + 65536)));
        c.close();
      },
    });
    expect((await raw("transfer", stream)).status).toBe(413);
    expect(await snapshot()).toEqual(before);
    expect(API_BODY_LIMIT_BYTES).toBe(32 * 1024);
  });

  it("error messages never echo unbounded input", async () => {
    const before = await snapshot();
    const long = `exPost-1-${"9".repeat(20_000)}`;
    const r = await callRoute(action, {
      url,
      params: { id: a.org.id, action: "transfer" },
      token,
      body: { creditId: long, amount: 1, toAddress: to },
    });
    expect(r.status).toBe(400);
    expect(r.json.message.length).toBeLessThanOrEqual(300);
    expect(r.json.message).toMatch(/creditId may be at most 200 characters/);
    const unknown = `exPost-1-${"9".repeat(190)}`;
    const r404 = await callRoute(action, {
      url,
      params: { id: a.org.id, action: "transfer" },
      token,
      body: { creditId: unknown, amount: 1, toAddress: to },
    });
    expect(r404.status).toBe(404);
    expect(r404.json.message.length).toBeLessThanOrEqual(300);
    const version = await action(
      new Request(`http://test/icr/api${url}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "x-icr-api-version": "v".repeat(5000) },
      }),
      {
        params: Promise.resolve({ id: a.org.id, action: "transfer" }),
      },
    );
    expect(version.status).toBe(400);
    expect((await version.json()).message.length).toBeLessThanOrEqual(300);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["1e400", /amount is out of range/],
    ["-1e400", /amount is out of range/],
    ["1e20", /amount is out of range/],
    ['"12345678901234567890"', /amount is out of range/],
  ])("amount %s is 'out of range', and nothing changes", async (amount, message) => {
    const before = await snapshot();
    const r = await callRoute(action, {
      url,
      params: { id: a.org.id, action: "transfer" },
      token,
      rawBody: `{"creditId":"${a.credit.id}","amount":${amount},"toAddress":"${to}"}`,
    });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it("the documented nested retirementData is accepted like the flat fields; the two disagreeing is a 400", async () => {
    const r = await callRoute(action, {
      url,
      params: { id: a.org.id, action: "retire" },
      token,
      body: {
        creditId: a.credit.id,
        amount: "0.002",
        retirementData: { reason: "Net zero", beneficiaryName: "Nested Ltd", comment: "FY25" },
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      action: "retire",
      beneficiaryName: "Nested Ltd",
      retirementReason: "Net zero",
      retirementComment: "FY25",
    });
    const before = await snapshot();
    const bad = await callRoute(action, {
      url,
      params: { id: a.org.id, action: "retire" },
      token,
      body: {
        creditId: a.credit.id,
        amount: 1,
        beneficiaryName: "Flat Ltd",
        retirementData: { beneficiaryName: "Nested Ltd" },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([
      { path: "retirementData.beneficiaryName", message: expect.stringMatching(/differ/) },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("unknown /icr/api paths answer a JSON 404", async () => {
    for (const handler of [unknownPath, unknownPathPost]) {
      const res = await handler();
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ statusCode: 404, error: "Not Found" });
    }
  });

  it("the OpenAPI document lists GET /organizations/{id} and GET /app/installations", async () => {
    const doc = (await openapi().json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(doc.paths["/organizations/{id}"].get).toBeDefined();
    expect(doc.paths["/app/installations"].get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(["limit", "page"]),
    );
  });
});

describe("GET /app/installations?limit&page (app JWT)", async () => {
  const orgs = await Promise.all(["inst-a", "inst-b", "inst-c"].map((l) => orgWithCredits(l)));
  await ensureApp({
    id: APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "t",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: [],
    webhookUrl: "http://127.0.0.1:1/x",
    webhookSecret: "s".repeat(20),
  });
  for (const o of orgs) await installApp({ appId: APP_ID, organizationId: o.org.id, userId: o.admin.id });
  const list = async (query: string, auth?: string) =>
    callRoute(listInstallations, { url: `/app/installations${query}`, token: auth });

  it("pages the app's active installations", async () => {
    const jwt = await appJwt();
    const total = await prisma.icrInstallation.count({ where: { appId: APP_ID, isActive: true } });
    expect(total).toBeGreaterThanOrEqual(3);
    const first = await list("?limit=2&page=1", jwt);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ total, page: 1, pageCount: Math.ceil(total / 2) });
    expect(first.json.items).toHaveLength(2);
    const all = [...first.json.items];
    for (let page = 2; page <= first.json.pageCount; page++)
      all.push(...(await list(`?limit=2&page=${page}`, jwt)).json.items);
    expect(all).toHaveLength(total);
    expect(all.map((i: { organizationId: string }) => i.organizationId)).toEqual(
      expect.arrayContaining(orgs.map((o) => o.org.id)),
    );
    expect(all[0]).toMatchObject({
      appId: APP_ID,
      isActive: true,
      organization: { id: expect.any(String), fullName: expect.any(String) },
    });
  });

  it("needs the app JWT and valid paging", async () => {
    expect((await list("")).status).toBe(401);
    expect((await list("", "crs_notajwt")).status).toBe(401);
    const bad = await list("?limit=1000", await appJwt());
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/limit may be at most 100/);
  });
});

describe("who asked: every request names the app, the ICR user behind it and the account it acts for", async () => {
  const a = await orgWithCredits("who");
  const outsider = await ensureIcrUser({
    email: "outsider-who@test.icr",
    name: "Outsider",
    password: "pw-outsider-1",
    memberships: [],
  });
  await ensureApp({
    id: APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "t",
    privateKeyPem: process.env.ICR_APP_PRIVATE_KEY!,
    callbackUrls: [],
    webhookUrl: "http://127.0.0.1:1/x",
    webhookSecret: "s".repeat(20),
  });
  const { installation } = await installApp({ appId: APP_ID, organizationId: a.org.id, userId: a.admin.id });
  const { token } = await createInstallationToken({ appId: APP_ID, installationId: installation.id });
  const url = `/organizations/${a.org.id}/inventory/action/transfer`;
  const to = "0x00000000000000000000000000000000000000b2";
  const transfer = (extra: object) =>
    callRoute(action, {
      url,
      params: { id: a.org.id, action: "transfer" },
      token,
      body: { creditId: a.credit.id, amount: "0.5", toAddress: to, ...extra },
    });
  const rowOf = async (id: string) =>
    (await listRequestRows({ organizationId: a.org.id, page: 1, limit: 50 })).rows.find((r) => r.id === id)!;

  it("stores the account the app acts for and the ICR user who connected it, and the inventory rows show them", async () => {
    const r = await transfer({
      onBehalfOf: {
        accountId: "cm-user-1",
        name: "Erin Example",
        email: "erin@carbonmark.test",
        icrUserId: a.admin.id,
      },
    });
    expect(r.status).toBe(200);
    expect(await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.json.id } })).toMatchObject({
      requestedByAppId: APP_ID,
      requestedByUserId: a.admin.id,
      onBehalfOfAccountId: "cm-user-1",
      onBehalfOfName: "Erin Example",
      onBehalfOfEmail: "erin@carbonmark.test",
    });
    expect(await rowOf(r.json.id)).toMatchObject({
      requestedBy: "Carbonmark",
      onBehalfOf: "erin@carbonmark.test, Erin Example (name self-declared)",
      requestedByUser: `Admin (${a.admin.email})`,
    });
  });

  it("without onBehalfOf the row still names the ICR user who installed the app", async () => {
    const r = await transfer({});
    expect(await rowOf(r.json.id)).toMatchObject({
      requestedBy: "Carbonmark",
      onBehalfOf: null,
      requestedByUser: `Admin (${a.admin.email})`,
    });
  });

  it("an icrUserId that is not a member of the organization is a 400, and nothing changes", async () => {
    const before = await prisma.icrCreditRequest.count();
    const r = await transfer({ onBehalfOf: { accountId: "x", icrUserId: outsider.id } });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: "onBehalfOf.icrUserId", message: "is not a member of this organization" }]);
    expect(await prisma.icrCreditRequest.count()).toBe(before);
  });
});
