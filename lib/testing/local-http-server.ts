import http from "node:http";
import type { AddressInfo } from "node:net";

export type TRecordedRequest = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
export type THandler = (req: TRecordedRequest, res: http.ServerResponse) => void | Promise<void>;

/** A tiny real HTTP server on 127.0.0.1 for client tests: records every request, answers with `handler`. */
export async function startLocalServer(handler: THandler) {
  const requests: TRecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(recorded);
      void handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
