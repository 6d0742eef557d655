import canonicalize from "canonicalize";
import { sha256Hex } from "@/lib/crypto/sha256";
import { prisma } from "@/lib/db";
import { ApiError } from "@/lib/carbonmark/api/api-error";
import { importView } from "@/lib/carbonmark/api/api-views";
import { CmUserError } from "@/lib/carbonmark/errors";
import { requestImport, type TRequestImport } from "@/lib/carbonmark/imports/request-import";
import { IcrNotConnectedError } from "@/lib/icr/token-store";
import { RateLimitedError } from "@/lib/security/rate-limit";

/** A claimed key without an answer this old is taken to be a crashed request, and runs again. */
const STALE_CLAIM_MS = 2 * 60_000;

const STATUS: Record<CmUserError["code"], number> = {
  invalid_input: 422,
  unauthenticated: 401,
  not_found: 404,
  conflict: 409,
  locked: 403,
  icr_unavailable: 503,
  not_connected: 409,
  forbidden: 403,
};

/** The import's own idempotency key: a UUID derived from the user and their key, so two users' keys never meet. */
export function importKeyFor(userId: string, key: string): string {
  const h = sha256Hex(`api-import:${userId}:${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type TAnswer = { status: number; body: unknown };

async function answerOf(userId: string, key: string, input: Omit<TRequestImport, "idempotencyKey">): Promise<TAnswer> {
  try {
    const row = await requestImport({
      userId,
      creditId: input.creditId,
      quantity: input.quantity,
      retirement: input.retirement,
      idempotencyKey: importKeyFor(userId, key),
    });
    return { status: 201, body: importView(row) };
  } catch (err) {
    if (err instanceof CmUserError)
      return { status: STATUS[err.code], body: { error: { code: err.code, message: err.message } } };
    if (err instanceof IcrNotConnectedError)
      return { status: 409, body: { error: { code: "not_connected", message: err.message } } };
    throw err;
  }
}

/**
 * Requests an import once per `Idempotency-Key` (as Stripe does): the first request claims the key
 * with its body's hash and stores its answer; a retry with the same body gets that answer again
 * (and makes no second import), the same key with another body is refused (422), and a retry while
 * the first is still running is told to wait (409). An unexpected failure releases the key.
 */
export async function requestImportOnce(opts: {
  userId: string;
  key: string;
  input: Omit<TRequestImport, "idempotencyKey">;
  rawBody: unknown;
}): Promise<TAnswer & { replayed: boolean }> {
  const requestHash = sha256Hex(canonicalize(opts.rawBody) ?? "null");
  const where = { userId_key: { userId: opts.userId, key: opts.key } };
  const claimed = await prisma.cmApiIdempotency.createMany({
    data: [{ userId: opts.userId, key: opts.key, requestHash }],
    skipDuplicates: true,
  });
  if (claimed.count === 0) {
    const existing = await prisma.cmApiIdempotency.findUniqueOrThrow({ where });
    if (existing.requestHash !== requestHash)
      throw new ApiError(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key was used with another request body. Use a new key for a new request.",
      );
    if (existing.status !== null && existing.responseBody !== null)
      return { status: existing.status, body: JSON.parse(existing.responseBody), replayed: true };
    if (Date.now() - existing.createdAt.getTime() < STALE_CLAIM_MS)
      throw new ApiError(
        409,
        "request_in_progress",
        "A request with this Idempotency-Key is still running; retry shortly.",
        undefined,
        {
          "retry-after": "2",
        },
      );
  }
  try {
    const answer = await answerOf(opts.userId, opts.key, opts.input);
    await prisma.cmApiIdempotency.update({
      where,
      data: { status: answer.status, responseBody: JSON.stringify(answer.body) },
    });
    return { ...answer, replayed: false };
  } catch (err) {
    await prisma.cmApiIdempotency.deleteMany({ where: { userId: opts.userId, key: opts.key, status: null } });
    if (err instanceof RateLimitedError)
      throw new ApiError(429, "rate_limited", err.message, undefined, { "retry-after": String(err.retryAfterSec) });
    throw err;
  }
}
