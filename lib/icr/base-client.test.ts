import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { IcrHttpClient, ICR_API_VERSION } from "@/lib/icr/base-client";
import { IcrApiError } from "@/lib/icr/errors";
import { ZIcrTransaction } from "@/lib/icr/schemas";
import { sendJson, startLocalServer, type THandler } from "@/lib/testing/local-http-server";

let server: Awaited<ReturnType<typeof startLocalServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: THandler, opts: { timeoutMs?: number } = {}) {
  server = await startLocalServer(handler);
  return new IcrHttpClient(server.url, { retryDelayMs: 1, ...opts });
}

async function failure(p: Promise<unknown>): Promise<IcrApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof IcrApiError) return err;
    throw err;
  }
  throw new Error("expected the request to fail");
}

const transaction = {
  id: "6b3f6f0e-7d59-4a7e-9e0b-0d7b8f7c1a11",
  action: "transfer",
  type: "exPost",
  toAddress: "0x1111111111111111111111111111111111111111",
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  tokenId: "1",
  tokenAddress: "0x2222222222222222222222222222222222222222",
  creditId: "exPost-1-0x2222222222222222222222222222222222222222",
  serialization: "ICR-ISL-354-78001-1-R-0-2021",
  vintage: "2021",
  amount: 12.5,
  fromOrganizationId: "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01",
  state: "pending_request",
};

describe("IcrHttpClient", () => {
  it("sends the API version and the bearer token, and returns amounts as decimal strings", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, transaction));
    const tx = await client.request({
      method: "GET",
      path: "/organizations/o/transactions/t",
      auth: "crs_abc",
      schema: ZIcrTransaction,
    });
    expect(tx.amount).toBe("12.5");
    expect(server!.requests[0].headers["x-icr-api-version"]).toBe(ICR_API_VERSION);
    expect(server!.requests[0].headers.authorization).toBe("Bearer crs_abc");
  });

  it("rejects an answer that does not match the schema, naming the field", async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 200, { ...transaction, state: "teleported", amount: "-3" }),
    );
    const err = await failure(client.request({ method: "GET", path: "/x", schema: ZIcrTransaction }));
    expect(err).toBeInstanceOf(IcrApiError);
    expect(err.kind).toBe("invalid_response");
    expect(err.message).toMatch(/state/);
    expect(err.message).toMatch(/amount/);
  });

  it("keeps the status and the parsed error body of a refusal", async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 409, {
        statusCode: 409,
        error: "Conflict",
        message: "Only 3 credits are available",
        issues: [{ path: "amount", message: "too much" }],
      }),
    );
    const err = await failure(
      client.request({ method: "POST", path: "/x", body: { amount: "5" }, schema: z.unknown() }),
    );
    expect(err.status).toBe(409);
    expect(err.message).toBe("Only 3 credits are available");
    expect(err.details.body?.issues?.[0].path).toBe("amount");
  });

  it("retries a GET after a 503 but never a POST", async () => {
    let calls = 0;
    const client = await clientFor((_req, res) =>
      ++calls < 3 ? sendJson(res, 503, { message: "busy" }) : sendJson(res, 200, { ok: true }),
    );
    await expect(client.request({ method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) })).resolves.toEqual(
      { ok: true },
    );
    expect(calls).toBe(3);

    calls = 0;
    const err = await failure(client.request({ method: "POST", path: "/x", body: {}, schema: z.unknown() }));
    expect(err.status).toBe(503);
    expect(calls).toBe(1);
  });

  it("gives up after the timeout and says ICR did not answer", async () => {
    const client = await clientFor(() => {}, { timeoutMs: 150 });
    const err = await failure(client.request({ method: "POST", path: "/slow", schema: z.unknown() }));
    expect(err.kind).toBe("timeout");
    expect(err.isUnavailable).toBe(true);
    expect(err.message).toMatch(/did not answer/);
  });

  it("never puts a token into an error message", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 401, { message: "token crs_AbC123 was revoked" }));
    const err = await failure(client.request({ method: "GET", path: "/x", auth: "crs_AbC123", schema: z.unknown() }));
    expect(err.isUnauthorized).toBe(true);
    expect(err.message).not.toContain("crs_AbC123");
  });
});
