import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { boss } from "@/lib/jobs/boss";
import { actionFieldErrors } from "@/lib/actions/action-result";
import { ensureIcrUser } from "@/lib/seed/registry-factories";

// The signed-in browser as Next.js hands it to the action: its session cookie and its address.
const browser = vi.hoisted(() => ({ sessionId: "", ip: "203.0.113.7" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": browser.ip }),
  cookies: async () => ({
    get: (name: string) => (name === "icr_session" && browser.sessionId ? { value: browser.sessionId } : undefined),
  }),
}));

const { changePasswordAction } = await import("@/app/icr/account/actions");
const { requestPasswordReset, checkResetToken } = await import("@/lib/registry/auth/password-reset");

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
});

const OLD = "current-pass-123";
const hour = () => new Date(Date.now() + 3_600_000);

/** A user signed in on three devices; this browser is the first. */
async function signedInThrice(email: string) {
  const user = await ensureIcrUser({ email, name: "Changer", password: OLD, memberships: [] });
  const ids = ["this", "phone", "laptop"].map((d) => `${email}-${d}`);
  for (const id of ids) await prisma.icrSession.create({ data: { id, userId: user.id, expiresAt: hour() } });
  browser.sessionId = ids[0]!;
  return { user, ids };
}
const stateOf = async (userId: string) => ({
  passwordHash: (await prisma.icrUser.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } }))
    .passwordHash,
  sessions: (await prisma.icrSession.findMany({ where: { userId }, select: { id: true }, orderBy: { id: "asc" } })).map(
    (s) => s.id,
  ),
  mails: await prisma.icrMailOutbox.count({
    where: { recipient: (await prisma.icrUser.findUniqueOrThrow({ where: { id: userId } })).email },
  }),
});

describe("[ICR PASSWORD] changing the password while signed in", () => {
  it("a wrong current password is refused and nothing changes", async () => {
    const { user } = await signedInThrice("wrong-current@icr.test");
    const before = await stateOf(user.id);
    const answer = await changePasswordAction({
      currentPassword: "not-my-password",
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(answer).toEqual({ serverError: "That is not your current password. Nothing was changed." });
    expect(await stateOf(user.id)).toEqual(before);
    expect(await verifyPassword(OLD, before.passwordHash)).toBe(true);
  });

  it("ends every other session but not this browser's, and mails the owner a notice", async () => {
    const { user, ids } = await signedInThrice("ends-others@icr.test");
    const answer = await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(answer).toEqual({ data: { endedSessions: 2 } });
    const after = await stateOf(user.id);
    expect(after.sessions).toEqual([ids[0]]);
    expect(await verifyPassword("new-password-456", after.passwordHash)).toBe(true);
    expect(await verifyPassword(OLD, after.passwordHash)).toBe(false);

    const mails = await prisma.icrMailOutbox.findMany({ where: { recipient: user.email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: "Your ICR password was changed", kind: "password_changed" });
    expect(mails[0]!.text).toMatch(/When: .+ UTC/);
    expect(mails[0]!.text).toContain("If it was not you");
    expect(mails[0]!.text).toContain("Reset your password: http://127.0.0.1:3999/icr/forgot-password");
  });

  it("is mailed even to a user who turned every e-mail kind off", async () => {
    const { user } = await signedInThrice("mails-off@icr.test");
    await prisma.icrMailPreference.create({
      data: { userId: user.id, kind: "request_awaiting_approval", isEnabled: false },
    });
    await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(await prisma.icrMailOutbox.count({ where: { recipient: user.email, kind: "password_changed" } })).toBe(1);
  });

  it("spends reset links mailed before the change", async () => {
    const { user } = await signedInThrice("spends-links@icr.test");
    await requestPasswordReset({ email: user.email, ip: "203.0.113.50" });
    const link = (await prisma.icrMailOutbox.findFirstOrThrow({ where: { recipient: user.email } })).text;
    const token = new URL(/Choose a new password: (\S+)/.exec(link)![1]!).searchParams.get("token")!;
    expect(await checkResetToken(token)).toMatchObject({ state: "valid" });
    await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(await checkResetToken(token)).toEqual({ state: "used" });
  });

  it("a weak, mistyped or unchanged new password is refused and nothing changes", async () => {
    const { user } = await signedInThrice("bad-new@icr.test");
    const before = await stateOf(user.id);
    const weak = await changePasswordAction({ currentPassword: OLD, newPassword: "short", confirmPassword: "short" });
    expect(actionFieldErrors(weak).newPassword).toBe("Use at least 12 characters");
    const typo = await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-457",
    });
    expect(actionFieldErrors(typo).confirmPassword).toBe("The two new passwords differ");
    const same = await changePasswordAction({ currentPassword: OLD, newPassword: OLD, confirmPassword: OLD });
    expect(same.serverError).toBe("The new password is the same as the current one. Nothing was changed.");
    expect(await stateOf(user.id)).toEqual(before);
  });

  it("without a session the action changes nothing", async () => {
    const { user } = await signedInThrice("no-session@icr.test");
    const before = await stateOf(user.id);
    browser.sessionId = "ended-session";
    const answer = await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(answer.serverError).toMatch(/session has ended/);
    expect(await stateOf(user.id)).toEqual(before);
  });

  it("wrong current passwords are limited per account: after 10, even the right one is refused for a while", async () => {
    const { user } = await signedInThrice("change-limit@icr.test");
    const wrong = {
      currentPassword: "guess-guess",
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    };
    for (let i = 0; i < 10; i++) {
      browser.ip = `203.0.113.${100 + i}`;
      expect((await changePasswordAction(wrong)).serverError).toBe(
        "That is not your current password. Nothing was changed.",
      );
    }
    browser.ip = "203.0.113.200";
    const before = await stateOf(user.id);
    const right = await changePasswordAction({
      currentPassword: OLD,
      newPassword: "new-password-456",
      confirmPassword: "new-password-456",
    });
    expect(right.serverError).toMatch(/^Too many attempts, try again in \d+ minutes?\. Nothing was changed\.$/);
    expect(await stateOf(user.id)).toEqual(before);
  });
});
