import { afterEach, describe, expect, it } from "vitest";
import { isPublicAddress, type TResolver } from "@/lib/webhooks/address-guard";
import { postSigned } from "@/lib/webhooks/post-signed";
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_SPAN_S, retrySchedule } from "@/lib/webhooks/retry-schedule";
import { bodySignature, isValidBodySignature, signatureHeader, verifySignatureHeader } from "@/lib/webhooks/signature";
import { loopbackOnlyAgent } from "@/lib/testing/loopback-only-agent";
import { startLocalServer } from "@/lib/testing/local-http-server";

const SECRET = "whsec_test_secret";
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

/** A receiver as a user would write it from docs/api.md: 400 unless the signature is right and fresh. */
async function startReceiver(now: () => Date) {
  const server = await startLocalServer((req, res) => {
    const check = verifySignatureHeader({
      body: req.body,
      header: req.headers["carbonmark-signature"] as string | undefined,
      secret: SECRET,
      now: now(),
    });
    res.writeHead(check.ok ? 200 : 400, { "content-type": "text/plain" });
    res.end(check.ok ? "ok" : check.reason);
  });
  closers.push(server.close);
  return server;
}

describe("signature", () => {
  it("verifies a fresh signature, and refuses a changed body, a wrong secret and an old timestamp", () => {
    const at = new Date("2026-12-06T12:00:00Z");
    const body = '{"id":"evt_1"}';
    const header = signatureHeader(body, SECRET, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignatureHeader({ body, header, secret: SECRET, now: at }).ok).toBe(true);
    expect(verifySignatureHeader({ body: body + " ", header, secret: SECRET, now: at })).toEqual({
      ok: false,
      reason: "signature does not match",
    });
    expect(verifySignatureHeader({ body, header, secret: "other", now: at }).ok).toBe(false);
    const later = new Date(at.getTime() + 6 * 60_000);
    expect(verifySignatureHeader({ body, header, secret: SECRET, now: later })).toEqual({
      ok: false,
      reason: "timestamp too old",
    });
  });

  it("a local receiver accepts a delivery and refuses the same delivery replayed later", async () => {
    let now = new Date();
    const receiver = await startReceiver(() => now);
    const body = JSON.stringify({ id: "6a1f0c1e-0000-4000-8000-000000000001", type: "import.arrived" });
    const headers = { "carbonmark-signature": signatureHeader(body, SECRET, now) };
    const first = await postSigned({ url: `${receiver.url}/hook`, body, headers, allowLoopback: true });
    expect(first).toEqual({ ok: true, status: 200 });
    now = new Date(now.getTime() + 10 * 60_000); // an attacker replays the captured request ten minutes later
    const replay = await postSigned({ url: `${receiver.url}/hook`, body, headers, allowLoopback: true });
    expect(replay).toMatchObject({ ok: false, status: 400 });
    expect(receiver.requests).toHaveLength(2);
  });
});

describe("body-only signature (ICR's x-icr-signature-256)", () => {
  it("is GitHub's sha256= form: GitHub's published example vector", () => {
    expect(bodySignature("Hello, World!", "It's a Secret to Everybody")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("verifies the right signature (either case) and refuses a changed body, another secret or a malformed header", () => {
    const body = '{"event":"installed"}';
    const header = bodySignature(body, SECRET);
    expect(isValidBodySignature(body, SECRET, header)).toBe(true);
    expect(isValidBodySignature(body, SECRET, header.toUpperCase())).toBe(true);
    expect(isValidBodySignature(`${body} `, SECRET, header)).toBe(false);
    expect(isValidBodySignature(body, "another-secret", header)).toBe(false);
    for (const bad of [null, undefined, "", "sha256=zz", header.slice(7), `${header}0`])
      expect(isValidBodySignature(body, SECRET, bad)).toBe(false);
  });
});

describe("address guard", () => {
  it.each([
    ["10.1.2.3"],
    ["172.20.0.1"],
    ["192.168.1.1"],
    ["127.0.0.1"],
    ["169.254.169.254"],
    ["100.64.0.1"],
    ["0.0.0.0"],
    ["::1"],
    ["fe80::1"],
    ["fd00::1"],
    ["::ffff:10.0.0.1"],
    ["::ffff:a9fe:a9fe"],
  ])("%s is not public", (a) => expect(isPublicAddress(a)).toBe(false));

  it.each([["93.184.215.14"], ["2606:4700::1111"], ["8.8.8.8"]])("%s is public", (a) =>
    expect(isPublicAddress(a)).toBe(true),
  );

  it.each([
    ["a private address", "10.0.0.7"],
    ["a link-local address (cloud metadata)", "169.254.169.254"],
    ["loopback, without the test setting", "127.0.0.1"],
    ["an IPv6 unique-local address", "fd12::5"],
  ])("a name resolving to %s is refused before any connection", async (_what, address) => {
    const resolved: string[] = [];
    const resolver: TResolver = async (host) => {
      resolved.push(host);
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    };
    const net = loopbackOnlyAgent();
    const result = await postSigned({
      url: "https://hooks.customer.example/carbonmark",
      body: "{}",
      headers: {},
      resolver,
      agent: net.agent,
    });
    expect(resolved).toEqual(["hooks.customer.example"]);
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(result.ok === false && result.error).toMatch(/private, loopback or link-local/);
    expect(net.attempts).toEqual([]);
  });

  it("a name with one public and one private answer is refused", async () => {
    const net = loopbackOnlyAgent();
    const result = await postSigned({
      url: "https://mixed.example/",
      body: "{}",
      headers: {},
      resolver: async () => [
        { address: "93.184.215.14", family: 4 },
        { address: "10.0.0.1", family: 4 },
      ],
      agent: net.agent,
    });
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(net.attempts).toEqual([]);
  });

  it("refuses http:// and URLs with credentials; plain http only to loopback under the test setting", async () => {
    for (const url of ["http://hooks.example/", "https://user:pw@hooks.example/", "not a url"]) {
      const r = await postSigned({ url, body: "{}", headers: {}, resolver: async () => [] });
      expect(r).toMatchObject({ ok: false, refused: true });
    }
    const r = await postSigned({
      url: "http://hooks.example/",
      body: "{}",
      headers: {},
      allowLoopback: true,
      resolver: async () => [{ address: "93.184.215.14", family: 4 }],
    });
    expect(r).toMatchObject({ ok: false, refused: true, error: "Webhook URLs must start with https://" });
  });

  it("an operator-configured URL (the ICR sandbox's app URLs) may be plain http to any address, still pinned", async () => {
    const net = loopbackOnlyAgent();
    const r = await postSigned({
      url: "http://icr-app.internal:8080/hook",
      body: "{}",
      headers: {},
      operatorConfigured: true,
      resolver: async () => [{ address: "10.0.0.7", family: 4 }],
      agent: net.agent,
    });
    // Not refused by the guard: the connection was asked for, to the resolved address (and this
    // test's network refused it, as it refuses anything but loopback).
    expect(r).toMatchObject({ ok: false, error: "test network: refused a connection to 10.0.0.7" });
    expect(r.ok === false && r.refused).toBeFalsy();
    expect(net.attempts).toEqual(["icr-app.internal"]);
    const userUrl = await postSigned({
      url: "http://icr-app.internal:8080/hook",
      body: "{}",
      headers: {},
      resolver: async () => [{ address: "10.0.0.7", family: 4 }],
      agent: net.agent,
    });
    expect(userUrl).toMatchObject({ ok: false, refused: true });
    const withCredentials = await postSigned({
      url: "http://user:pw@icr-app.internal/hook",
      body: "{}",
      headers: {},
      operatorConfigured: true,
    });
    expect(withCredentials).toMatchObject({ ok: false, refused: true });
    expect(net.attempts).toHaveLength(1);
    // Not even the operator's URL may reach a link-local address (a cloud metadata service).
    for (const address of ["169.254.169.254", "fe80::1", "::ffff:169.254.169.254"]) {
      const metadata = await postSigned({
        url: "http://icr-app.internal/hook",
        body: "{}",
        headers: {},
        operatorConfigured: true,
        resolver: async () => [{ address, family: address.includes(":") ? 6 : 4 }],
        agent: net.agent,
      });
      expect(metadata).toMatchObject({ ok: false, refused: true });
    }
    expect(net.attempts).toHaveLength(1);
  });

  it("hands the connection every checked address: a name answering ::1 first reaches a receiver on 127.0.0.1", async () => {
    const receiver = await startReceiver(() => new Date());
    const port = new URL(receiver.url).port;
    const body = "{}";
    const net = loopbackOnlyAgent();
    const r = await postSigned({
      url: `http://localhost:${port}/`,
      body,
      headers: { "carbonmark-signature": signatureHeader(body, SECRET) },
      resolver: async () => [
        { address: "::1", family: 6 },
        { address: "127.0.0.1", family: 4 },
      ],
      allowLoopback: true,
      agent: net.agent,
    });
    expect(r).toEqual({ ok: true, status: 200 });
  });

  it("connects to the address it checked (pinned), not to a second DNS answer", async () => {
    const receiver = await startReceiver(() => new Date());
    const port = new URL(receiver.url).port;
    let calls = 0;
    const resolver: TResolver = async () => {
      calls++;
      // The first answer is checked; a rebinding DNS server would answer differently the second time.
      return [{ address: calls === 1 ? "127.0.0.1" : "10.0.0.1", family: 4 }];
    };
    const body = "{}";
    const net = loopbackOnlyAgent();
    const r = await postSigned({
      url: `http://rebind.example:${port}/`,
      body,
      headers: { "carbonmark-signature": signatureHeader(body, SECRET) },
      resolver,
      allowLoopback: true,
      agent: net.agent,
    });
    expect(r).toEqual({ ok: true, status: 200 });
    expect(calls).toBe(1);
  });
});

describe("retry schedule", () => {
  it("retries for more than a day", () => {
    expect(RETRY_SPAN_S).toBeGreaterThan(24 * 3600);
    const t0 = new Date("2026-12-06T00:00:00Z");
    expect(nextAttemptAt(1, t0)).toEqual(new Date("2026-12-06T00:00:10Z"));
    expect(nextAttemptAt(MAX_ATTEMPTS, t0)).toBeNull();
  });

  it("a side's own delays get the same arithmetic", () => {
    const s = retrySchedule([1, 2, 4]);
    expect([s.maxAttempts, s.spanS]).toEqual([4, 7]);
    const t0 = new Date("2026-12-06T00:00:00Z");
    expect([1, 2, 3, 4].map((n) => s.nextAttemptAt(n, t0)?.toISOString() ?? null)).toEqual([
      "2026-12-06T00:00:01.000Z",
      "2026-12-06T00:00:02.000Z",
      "2026-12-06T00:00:04.000Z",
      null,
    ]);
  });
});
