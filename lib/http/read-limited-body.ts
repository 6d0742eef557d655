/** The body was larger than the caller allows (answer 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads a request body as UTF-8 text, but never more than `limitBytes`: a `content-length` above
 * the limit is refused before reading, and a body sent without one (chunked) is cut off as soon as
 * it passes the limit. Throws BodyTooLargeError.
 */
export async function readLimitedBody(req: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readLimitedBytes(req, limitBytes));
}

/** The same as readLimitedBody, as bytes (e.g. an uploaded file). */
export async function readLimitedBytes(req: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
