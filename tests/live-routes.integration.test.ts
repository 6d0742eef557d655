import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { closeLiveHub } from "@/lib/live/live-hub";
import { notifyLive } from "@/lib/live/notify";

// Who is signed in is the only thing mocked: the routes, the hub and PostgreSQL's NOTIFY are real.
const session = vi.hoisted(() => ({
  cm: null as null | { id: string; email: string; name: string },
  icr: null as null | { id: string; memberships: { organizationId: string }[] },
}));
vi.mock("@/lib/carbonmark/auth/get-session-user", () => ({ getSessionUser: async () => session.cm }));
vi.mock("@/lib/registry/auth/session", () => ({ getIcrUser: async () => session.icr }));

const { GET: portfolioLive } = await import("@/app/api/carbonmark/live/route");
const { GET: inventoryLive } = await import("@/app/icr/organizations/[id]/inventory/live/route");

afterAll(() => closeLiveHub());

/** Reads a Server-Sent Events body until `ms` pass; returns the event names seen. */
async function eventsOf(res: Response, during: () => Promise<void>, ms = 1500): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: string[] = [];
  let buffer = "";
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let i; (i = buffer.indexOf("\n\n")) >= 0; buffer = buffer.slice(i + 2)) {
        const m = /^event: (\w+)\ndata: (.*)$/m.exec(buffer.slice(0, i));
        if (m) seen.push(m[1] === "status" ? `status:${m[2]}` : m[1]);
      }
    }
  })();
  for (const deadline = Date.now() + 10_000; !seen.includes("status:up") && Date.now() < deadline;)
    await new Promise((r) => setTimeout(r, 20));
  await during();
  await new Promise((r) => setTimeout(r, ms));
  await reader.cancel();
  await reading.catch(() => undefined);
  return seen;
}

describe("the live routes", () => {
  it("refuse anyone not signed in", async () => {
    session.cm = null;
    session.icr = null;
    expect((await portfolioLive(new Request("http://x/api/carbonmark/live"))).status).toBe(401);
    expect((await inventoryLive(new Request("http://x/"), { params: Promise.resolve({ id: "org-a" }) })).status).toBe(
      401,
    );
  });

  it("tell a Carbonmark user about their own portfolio only", async () => {
    session.cm = { id: "11111111-1111-4111-8111-111111111111", email: "a@x", name: "A" };
    const res = await portfolioLive(new Request("http://x/api/carbonmark/live"));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const seen = await eventsOf(res, async () => {
      await notifyLive(prisma, [{ topic: "portfolio", userId: "22222222-2222-4222-8222-222222222222" }]);
      await notifyLive(prisma, [{ topic: "inventory", organizationId: session.cm!.id }]);
      await notifyLive(prisma, [{ topic: "portfolio", userId: session.cm!.id }]);
    });
    expect(seen.filter((e) => e === "change")).toHaveLength(1);
    expect(seen).toContain("status:up");
  });

  it("tell an ICR member about their organization only, and refuse other organizations", async () => {
    session.icr = { id: "u", memberships: [{ organizationId: "org-a" }] };
    expect((await inventoryLive(new Request("http://x/"), { params: Promise.resolve({ id: "org-b" }) })).status).toBe(
      403,
    );
    const res = await inventoryLive(new Request("http://x/"), { params: Promise.resolve({ id: "org-a" }) });
    const seen = await eventsOf(res, async () => {
      await notifyLive(prisma, [{ topic: "inventory", organizationId: "org-b" }]);
      await notifyLive(prisma, [{ topic: "inventory", organizationId: "org-a" }]);
    });
    expect(seen.filter((e) => e === "change")).toHaveLength(1);
  });
});
