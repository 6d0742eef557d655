// One delivery attempt of a signed webhook: the address guard, then a POST to the checked addresses
// (pinned: the connection's DNS lookup answers with them, all of them when Node tries each family in
// turn), no redirects followed, a timeout. Neutral: the caller names its headers and keeps its own records.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import {
  parseWebhookUrl,
  resolveCheckedAddresses,
  type TGuardOptions,
  type TResolved,
} from "@/lib/webhooks/address-guard";

export const DELIVERY_TIMEOUT_MS = 5_000;

export type TPostResult =
  { ok: true; status: number } | { ok: false; status?: number; error: string; refused?: boolean };

export type TPostOptions = TGuardOptions & {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
  /** The connection agent (tests pass one whose network refuses anything but loopback). */
  agent?: http.Agent;
};

export async function postSigned(opts: TPostOptions): Promise<TPostResult> {
  let url: URL;
  let pinned: TResolved[];
  try {
    url = parseWebhookUrl(opts.url, opts);
    pinned = await resolveCheckedAddresses(url, opts);
  } catch (err) {
    return { ok: false, error: (err as Error).message, refused: true };
  }
  const lookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all) (cb as never as (e: null, a: TResolved[]) => void)(null, pinned);
    else cb(null, pinned[0]!.address, pinned[0]!.family);
  };
  const isHttps = url.protocol === "https:";
  return new Promise<TPostResult>((resolve) => {
    const req = (isHttps ? https : http).request(
      url,
      {
        method: "POST",
        headers: {
          ...opts.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(opts.body),
        },
        lookup,
        agent: opts.agent,
        ...(isHttps ? { servername: url.hostname } : {}),
        timeout: opts.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(
          status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered ${status}` },
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${opts.timeoutMs ?? DELIVERY_TIMEOUT_MS} ms`)));
    req.on("error", (err) => resolve({ ok: false, error: (err as { code?: string }).code ?? err.message }));
    req.end(opts.body);
  });
}
