import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { isLoopbackHost, startMailCatcher } from "./mail-catcher.ts";
import { freePort } from "./ports.ts";

const httpPort = await freePort();
const catcher = await startMailCatcher({ smtpPort: await freePort(), httpPort });
catcher.messages.unshift({
  id: "1",
  messageId: null,
  from: "icr@example.test",
  to: ["admin@example.test"],
  subject: "Your sign-in code 424242",
  text: "code 424242",
  html: "",
  date: new Date().toISOString(),
});
afterAll(() => catcher.stop());

/** A GET to the catcher with this Host header (what a browser sends after DNS rebinding: the attacker's name). */
function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: httpPort, path, headers: { host } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      })
      .on("error", reject);
  });
}

describe("mail catcher inbox", () => {
  it.each(["/", "/api/messages", "/messages/1"])(
    "%s refuses a request addressed to another name (DNS rebinding) with 421 and no mail",
    async (path) => {
      for (const host of [
        `rebind.attacker.example:${httpPort}`,
        "rebind.attacker.example",
        `localhost.attacker.example:${httpPort}`,
        `127.0.0.1.nip.io:${httpPort}`,
        `localhost:${httpPort + 1}`,
      ]) {
        const res = await get(path, host);
        expect(res.status, host).toBe(421);
        expect(res.body).not.toContain("424242");
      }
    },
  );

  it("answers localhost, 127.0.0.1 and [::1], with its port or none", async () => {
    for (const host of [
      `localhost:${httpPort}`,
      `127.0.0.1:${httpPort}`,
      `[::1]:${httpPort}`,
      "localhost",
      "LOCALHOST",
    ]) {
      const res = await get("/api/messages", host);
      expect(res.status, host).toBe(200);
      expect(res.body).toContain("424242");
    }
    expect((await fetch(`${catcher.webUrl}/api/messages`)).status).toBe(200);
  });

  it("reads the Host header strictly", () => {
    expect(isLoopbackHost("localhost:1080", 1080)).toBe(true);
    expect(isLoopbackHost("[::1]", 1080)).toBe(true);
    expect(isLoopbackHost("[::1]:1081", 1080)).toBe(false);
    expect(isLoopbackHost("localhost:1080:1080", 1080)).toBe(false);
    expect(isLoopbackHost("user@localhost:1080", 1080)).toBe(false);
    expect(isLoopbackHost(undefined, 1080)).toBe(false);
  });
});
