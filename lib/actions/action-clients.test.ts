import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

const logged = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/log/logger", () => ({ logger: { error: (...args: unknown[]) => logged.push(args) } }));

const { createActionClients, GENERIC_ACTION_ERROR } = await import("@/lib/actions/action-clients");
const { RateLimitedError } = await import("@/lib/security/rate-limit");

class SideError extends Error {}
const session = { user: null as { id: string } | null };
const { publicAction, signedInAction } = createActionClients({
  side: "test",
  userMessage: (err) => (err instanceof SideError ? err.message : undefined),
  getUser: async () => session.user,
  signedOut: () => new SideError("Your session has ended. Sign in again; nothing was changed."),
});

describe("the action kit's one failure channel", () => {
  const throwing = (err: Error) =>
    publicAction.inputSchema(z.object({ n: z.number().max(3, "At most 3") })).action(async () => {
      throw err;
    });

  it("a side's error for people and a refused attempt reach the form as serverError", async () => {
    expect(await throwing(new SideError("Only an admin can accept."))({ n: 1 })).toEqual({
      serverError: "Only an admin can accept.",
    });
    expect(await throwing(new RateLimitedError(90))({ n: 1 })).toEqual({
      serverError: "Too many attempts, try again in 2 minutes.",
    });
  });

  it("anything else is logged and replaced by a generic message that leaks nothing", async () => {
    logged.length = 0;
    const answer = await throwing(new Error("connect ECONNREFUSED 127.0.0.1:5432"))({ n: 1 });
    expect(answer).toEqual({ serverError: GENERIC_ACTION_ERROR });
    expect(JSON.stringify(logged)).toContain("ECONNREFUSED");
  });

  it("bad input comes back as validationErrors, field by field, and the action does not run", async () => {
    const run = vi.fn();
    const action = publicAction.inputSchema(z.object({ n: z.number().max(3, "At most 3") })).action(run);
    expect(await action({ n: 4 })).toEqual({ validationErrors: { n: { _errors: ["At most 3"] } } });
    expect(run).not.toHaveBeenCalled();
  });

  it("a signed-in action without a session answers the side's message and does not run", async () => {
    const run = vi.fn(async ({ ctx }: { ctx: { user: { id: string } } }) => ctx.user.id);
    const action = signedInAction.action(run);
    session.user = null;
    expect(await action()).toEqual({ serverError: "Your session has ended. Sign in again; nothing was changed." });
    expect(run).not.toHaveBeenCalled();
    session.user = { id: "u1" };
    expect(await action()).toEqual({ data: "u1" });
  });
});
