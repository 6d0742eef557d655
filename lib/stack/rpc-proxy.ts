// A small JSON-RPC proxy on 127.0.0.1 in front of a local anvil, so the stack meets what a public
// Polygon provider does: eth_getLogs refused above a block range or a result count (with the
// providers' own error shapes), slow answers, dropped connections, and reorgs on demand
// (anvil_reorg: the orphaned blocks' transactions are gone, as on a real chain after a reorg).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TRpcProxyOptions = {
  upstream: string;
  /** 0 picks a free port. */
  port?: number;
  /** eth_getLogs refused when it spans more blocks than this (Alchemy / Polygon RPCs: 2,000). */
  maxLogRange?: number;
  /** eth_getLogs refused when it would return more logs than this (Infura, Alchemy: 10,000). */
  maxLogResults?: number;
  /** Added to every answer. */
  delayMs?: number;
};

export type TRpcProxy = {
  url: string;
  /** Methods seen (one entry per call, batches included), for tests. */
  calls: string[];
  /** Faults, changed at any time: the next `dropConnections` requests are cut without an answer. */
  faults: { delayMs: number; dropConnections: number; maxLogRange: number; maxLogResults: number };
  /** Takes the last `depth` blocks off the chain and mines `depth` empty ones in their place (a reorg). */
  reorg: (depth: number) => Promise<void>;
  /** JSON-RPC straight to the upstream node. */
  upstreamCall: <T = unknown>(method: string, params?: unknown[]) => Promise<T>;
  close: () => Promise<void>;
};

type TRpcRequest = { jsonrpc: "2.0"; id: unknown; method: string; params?: unknown[] };
type TRpcAnswer = { jsonrpc: "2.0"; id: unknown; result?: unknown; error?: { code: number; message: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Alchemy's answer to a range it will not serve. */
export const RANGE_ERROR_CODE = -32602;
/** Infura's answer to a query with too many results (it names a range that would be served). */
export const RESULTS_ERROR_CODE = -32005;

export async function startRpcProxy(opts: TRpcProxyOptions): Promise<TRpcProxy> {
  const faults = {
    delayMs: opts.delayMs ?? 0,
    dropConnections: 0,
    maxLogRange: opts.maxLogRange ?? 2_000,
    maxLogResults: opts.maxLogResults ?? 10_000,
  };
  const calls: string[] = [];

  async function upstream(body: unknown): Promise<unknown> {
    const res = await fetch(opts.upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return res.json();
  }
  async function upstreamCall<T>(method: string, params: unknown[] = []): Promise<T> {
    const answer = (await upstream({ jsonrpc: "2.0", id: 1, method, params })) as TRpcAnswer;
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as T;
  }
  async function blockNumberOf(tag: unknown): Promise<number> {
    if (typeof tag === "string" && tag.startsWith("0x")) return Number(tag);
    const block = await upstreamCall<{ number: string } | null>("eth_getBlockByNumber", [tag ?? "latest", false]);
    return block ? Number(block.number) : 0;
  }

  async function getLogs(req: TRpcRequest): Promise<TRpcAnswer> {
    const filter = (req.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
    if (!filter.blockHash) {
      const from = await blockNumberOf(filter.fromBlock ?? "latest");
      const to = await blockNumberOf(filter.toBlock ?? "latest");
      if (to - from + 1 > faults.maxLogRange)
        return {
          jsonrpc: "2.0",
          id: req.id,
          error: {
            code: RANGE_ERROR_CODE,
            message: `Log response size exceeded. You can make eth_getLogs requests with up to a ${faults.maxLogRange} block range and no limit on the response size, or you can make eth_getLogs requests with up to a 10K block range and a cap of ${faults.maxLogResults} logs in the response.`,
          },
        };
      const answer = (await upstream(req)) as TRpcAnswer;
      const logs = answer.result as { blockNumber: string }[] | undefined;
      if (logs && logs.length > faults.maxLogResults) {
        const until = Number(logs[Math.max(0, faults.maxLogResults - 1)].blockNumber) - 1;
        const hex = (n: number) => `0x${Math.max(from, n).toString(16)}`;
        return {
          jsonrpc: "2.0",
          id: req.id,
          error: {
            code: RESULTS_ERROR_CODE,
            message: `query returned more than ${faults.maxLogResults} results. Try with this block range [${hex(from)}, ${hex(until)}].`,
          },
        };
      }
      return answer;
    }
    return (await upstream(req)) as TRpcAnswer;
  }

  async function answer(req: TRpcRequest): Promise<TRpcAnswer> {
    calls.push(req.method);
    if (req.method === "eth_getLogs") return getLogs(req);
    return (await upstream(req)) as TRpcAnswer;
  }

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      void (async () => {
        if (faults.dropConnections > 0) {
          faults.dropConnections--;
          req.socket.destroy();
          return;
        }
        if (faults.delayMs) await sleep(faults.delayMs);
        let parsed: TRpcRequest | TRpcRequest[];
        try {
          parsed = JSON.parse(body) as TRpcRequest | TRpcRequest[];
        } catch {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }));
          return;
        }
        try {
          const out = Array.isArray(parsed) ? await Promise.all(parsed.map(answer)) : await answer(parsed);
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(out));
        } catch {
          // The node did not answer (restarting): as a provider's gateway would.
          res.writeHead(502, { "content-type": "application/json" });
          res.end(
            JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: "upstream unavailable" } }),
          );
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    faults,
    upstreamCall,
    reorg: async (depth: number) => {
      await upstreamCall("anvil_reorg", [depth, []]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
