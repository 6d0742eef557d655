// An SMTP catcher with a web inbox for development and tests: every mail sent to it is kept in
// memory (the newest 500) and shown at its web address; `GET /api/messages` lists them as JSON.
// The inbox answers only requests addressed to a loopback name (Host header): a page on another
// site that rebinds its own name to 127.0.0.1 (DNS rebinding) gets 421, not the caught mail.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TCaughtMail = {
  id: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
};
export type TMailCatcher = { smtpUrl: string; webUrl: string; messages: TCaughtMail[]; stop: () => Promise<void> };

const KEEP = 500;
const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]!);
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? "")).filter(Boolean);

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a Host header names this catcher on a loopback name: localhost, 127.0.0.1 or [::1], with our port or none. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec((host ?? "").toLowerCase());
  if (!m) return false;
  return LOOPBACK_NAMES.has(m[1]!) && (m[2] === undefined || Number(m[2]) === port);
}

function inboxPage(messages: TCaughtMail[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${esc(m.date.replace("T", " ").slice(0, 19))}</td><td>${esc(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${esc(m.subject)}</a></td></tr>`,
    )
    .join("");
  return `<!doctype html><html><head><title>Mail catcher</title><meta name="viewport" content="width=device-width"><style>body{font-family:system-ui,sans-serif;margin:24px}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}</style></head>
<body><h1>Mail catcher</h1><p>${messages.length} message(s), newest first. JSON: <a href="/api/messages">/api/messages</a></p>
<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/** Starts the catcher: SMTP on `smtpPort`, the inbox and its JSON API on `httpPort` (127.0.0.1 only). */
export async function startMailCatcher(opts: {
  smtpPort: number;
  httpPort: number;
  host?: string;
}): Promise<TMailCatcher> {
  const host = opts.host ?? "127.0.0.1";
  const messages: TCaughtMail[] = [];
  let seq = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.unshift({
            id: String(++seq),
            messageId: parsed.messageId ?? null,
            from: addresses(parsed.from).join(", "),
            to: addresses(parsed.to),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            date: new Date().toISOString(),
          });
          messages.length = Math.min(messages.length, KEEP);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher");
    const send = (status: number, type: string, body: string) =>
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
    if (!isLoopbackHost(req.headers.host, (web.address() as AddressInfo).port))
      return send(
        421,
        "text/plain",
        "Misdirected request: the mail catcher answers only to localhost, 127.0.0.1 or [::1] as the Host",
      );
    if (url.pathname === "/api/messages" && req.method === "GET") {
      const to = url.searchParams.get("to")?.toLowerCase();
      return send(
        200,
        "application/json",
        JSON.stringify(to ? messages.filter((m) => m.to.some((a) => a.toLowerCase() === to)) : messages),
      );
    }
    if (url.pathname === "/api/messages" && req.method === "DELETE") {
      messages.length = 0;
      return send(204, "text/plain", "");
    }
    const one = /^\/messages\/(\d+)$/.exec(url.pathname);
    if (one && req.method === "GET") {
      const m = messages.find((x) => x.id === one[1]);
      // The mail's own HTML is shown in a sandboxed frame: its scripts never run here.
      return m
        ? send(
            200,
            "text/html; charset=utf-8",
            `<!doctype html><html><body style="font-family:system-ui,sans-serif;margin:24px"><p><a href="/">← Inbox</a></p><h1>${esc(m.subject)}</h1><p>From ${esc(m.from)} to ${esc(m.to.join(", "))}</p><iframe sandbox style="width:100%;height:70vh;border:1px solid #ccc" srcdoc="${esc(m.html || `<pre>${esc(m.text)}</pre>`)}"></iframe></body></html>`,
          )
        : send(404, "text/plain", "no such message");
    }
    if (url.pathname === "/" && req.method === "GET") return send(200, "text/html; charset=utf-8", inboxPage(messages));
    return send(404, "text/plain", "not found");
  });

  const inUse = (err: NodeJS.ErrnoException, port: number, variable: string) =>
    err.code === "EADDRINUSE"
      ? new Error(
          `Port ${port} for the mail catcher is in use. Free it or set ${variable} (or SMTP_URL to use your own mail server).`,
        )
      : err;
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", (err) => reject(inUse(err, opts.smtpPort, "MAIL_SMTP_PORT")));
    smtp.listen(opts.smtpPort, host, () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    web.once("error", (err) => reject(inUse(err, opts.httpPort, "MAIL_CATCHER_PORT")));
    web.listen(opts.httpPort, host, () => resolve());
  }).catch(async (err) => {
    await new Promise((r) => smtp.close(() => r(undefined)));
    throw err;
  });
  const stop = async () => {
    await new Promise((r) => smtp.close(() => r(undefined)));
    web.closeAllConnections();
    await new Promise((r) => web.close(() => r(undefined)));
  };
  return { smtpUrl: `smtp://${host}:${opts.smtpPort}`, webUrl: `http://localhost:${opts.httpPort}`, messages, stop };
}
