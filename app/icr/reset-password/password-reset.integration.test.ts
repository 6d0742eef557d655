import { createHash } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { boss } from "@/lib/jobs/boss";
import { actionErrorMessage, actionFieldErrors } from "@/lib/actions/action-result";
import { ensureIcrUser } from "@/lib/seed/registry-factories";
import { RateLimitedError } from "@/lib/security/rate-limit";

// The reset request as the browser sends it: the action's input with the client's address in headers().
const request = vi.hoisted(() => ({ ip: "198.51.100.1" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": request.ip }),
}));

const { requestPasswordResetAction } = await import("@/app/icr/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/icr/reset-password/actions");
const { checkResetToken, requestPasswordReset, resetPasswordWithToken, RESET_TTL_MS, ResetLinkError } =
  await import("@/lib/registry/auth/password-reset");

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
});

const OLD = "old-password-123";
let ipCounter = 10;
/** A fresh client address per request, so one test's per-IP budget does not spill into another's. */
const freshIp = () => `198.51.100.${ipCounter++}`;
const outboxTo = (email: string) =>
  prisma.icrMailOutbox.findMany({ where: { recipient: email }, orderBy: { createdAt: "asc" } });
const linkIn = (text: string) => new URL(/Choose a new password: (\S+)/.exec(text)![1]!);

/** Asks for a reset of `email` (as a fresh IP) and returns the token from the mail. */
async function mailedToken(email: string): Promise<string> {
  const before = (await outboxTo(email)).length;
  await requestPasswordReset({ email, ip: freshIp() });
  const mails = await outboxTo(email);
  expect(mails).toHaveLength(before + 1);
  return linkIn(mails.at(-1)!.text).searchParams.get("token")!;
}

async function userWithSessions(email: string, sessions = 2) {
  const user = await ensureIcrUser({ email, name: "Reset", password: OLD, memberships: [] });
  for (let i = 0; i < sessions; i++)
    await prisma.icrSession.create({
      data: { id: `${email}-s${i}`, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
  return user;
}
const passwordOf = async (id: string) =>
  (await prisma.icrUser.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } })).passwordHash;

describe("[ICR RESET] asking for a reset link", () => {
  it("known and unknown addresses get the same answer, and each gets exactly one mail", async () => {
    await ensureIcrUser({ email: "known-reset@icr.test", name: "Known", password: OLD, memberships: [] });
    request.ip = freshIp();
    const known = await requestPasswordResetAction({ email: "Known-Reset@icr.test " });
    request.ip = freshIp();
    const unknown = await requestPasswordResetAction({ email: "nobody-reset@icr.test" });
    // The same answer (only the address typed is echoed back).
    expect(known).toEqual({ data: { sentTo: "known-reset@icr.test" } });
    expect(unknown).toEqual({ data: { sentTo: "nobody-reset@icr.test" } });

    const [k] = await outboxTo("known-reset@icr.test");
    const [u] = await outboxTo("nobody-reset@icr.test");
    expect(await outboxTo("known-reset@icr.test")).toHaveLength(1);
    expect(await outboxTo("nobody-reset@icr.test")).toHaveLength(1);
    expect(k!.subject).toBe("Reset your ICR password");
    expect(linkIn(k!.text).pathname).toBe("/icr/reset-password");
    expect(u!.subject).toBe("ICR password reset: no account for this address");
    expect(u!.text).toContain("no ICR sandbox account uses it");
    expect(u!.text).not.toContain("reset-password?token=");
    // Both were queued for sending, in the request's transaction.
    const jobs = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'icr-mail' AND id = ANY(${[k!.id, u!.id]}::uuid[])`;
    expect(Number(jobs[0]!.n)).toBe(2);
  });

  it("a malformed address is refused with a message and mails nobody", async () => {
    const before = await prisma.icrMailOutbox.count();
    const answer = await requestPasswordResetAction({ email: "not-an-address" });
    expect(actionErrorMessage(answer)).toBe("Enter the email address of your ICR account");
    expect(await prisma.icrMailOutbox.count()).toBe(before);
  });

  it("stores only the token's SHA-256: no column of the row holds the token", async () => {
    const user = await userWithSessions("hashed-reset@icr.test", 0);
    const token = await mailedToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM icr_password_reset WHERE "userId" = ${user.id}::uuid`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(rows[0]).toMatchObject({ usedAt: null });
  });

  it("over the limit per address (from any IP), refused with a message and no mail", async () => {
    const email = "limited-reset@icr.test";
    for (let i = 0; i < 5; i++) {
      request.ip = freshIp();
      expect(await requestPasswordResetAction({ email })).toEqual({ data: { sentTo: email } });
    }
    request.ip = freshIp();
    const refused = await requestPasswordResetAction({ email });
    expect(refused.serverError).toMatch(
      /^Too many reset requests for this address or from your network\. Try again in \d+ minutes?/,
    );
    expect(refused.data).toBeUndefined();
    expect(await outboxTo(email)).toHaveLength(5);
  });

  it("over the limit per client IP (any addresses), refused", async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) await requestPasswordReset({ email: `ip-limit-${i}@icr.test`, ip });
    await expect(requestPasswordReset({ email: "ip-limit-20@icr.test", ip })).rejects.toBeInstanceOf(RateLimitedError);
    expect(await outboxTo("ip-limit-20@icr.test")).toHaveLength(0);
  });
});

describe("[ICR RESET] using the link", () => {
  it("opening the link changes nothing; the form sets the password, ends every session and mails a notice", async () => {
    const user = await userWithSessions("use-reset@icr.test", 2);
    const token = await mailedToken(user.email);
    // A mail scanner or the page itself only checks the token.
    expect(await checkResetToken(token)).toEqual({ state: "valid", email: user.email });
    expect(await checkResetToken(token)).toEqual({ state: "valid", email: user.email });

    const answer = await resetPasswordAction({
      token,
      newPassword: "brand-new-pass-1",
      confirmPassword: "brand-new-pass-1",
    });
    expect(answer).toEqual({ data: { doneFor: user.email } });
    expect(await verifyPassword("brand-new-pass-1", await passwordOf(user.id))).toBe(true);
    expect(await prisma.icrSession.count({ where: { userId: user.id } })).toBe(0);
    const notice = (await outboxTo(user.email)).at(-1)!;
    expect(notice.subject).toBe("Your ICR password was reset");
    expect(notice.text).toContain("every session of the account was ended");
    expect(notice.text).toMatch(/When: .+ UTC/);
    expect(notice.text).toContain("Reset your password: http://127.0.0.1:3999/icr/forgot-password");
  });

  it("a link works once: a second use is refused and changes nothing", async () => {
    const user = await userWithSessions("once-reset@icr.test", 0);
    const token = await mailedToken(user.email);
    await resetPasswordWithToken({ token, newPassword: "first-new-pass-1" });
    await prisma.icrSession.create({
      data: { id: "once-reset-later", userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const mails = (await outboxTo(user.email)).length;

    const again = await resetPasswordAction({
      token,
      newPassword: "second-new-pass",
      confirmPassword: "second-new-pass",
    });
    expect(again.data).toEqual({ linkError: { state: "used", message: expect.stringContaining("already used") } });
    expect(await verifyPassword("first-new-pass-1", await passwordOf(user.id))).toBe(true);
    expect(await prisma.icrSession.count({ where: { userId: user.id } })).toBe(1);
    expect(await outboxTo(user.email)).toHaveLength(mails);
    expect(await checkResetToken(token)).toEqual({ state: "used" });
  });

  it("two uses at once: exactly one wins, and the password is the winner's", async () => {
    const user = await userWithSessions("race-reset@icr.test", 0);
    const token = await mailedToken(user.email);
    const results = await Promise.allSettled(
      ["racer-one-pass-1", "racer-two-pass-2", "racer-three-pass"].map((p) =>
        resetPasswordWithToken({ token, newPassword: p }).then(() => p),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof ResetLinkError)).toBe(true);
    expect(await verifyPassword((won[0] as PromiseFulfilledResult<string>).value, await passwordOf(user.id))).toBe(
      true,
    );
    expect((await outboxTo(user.email)).filter((m) => m.subject === "Your ICR password was reset")).toHaveLength(1);
  });

  it("an expired link is refused and changes nothing", async () => {
    const user = await userWithSessions("expired-reset@icr.test", 1);
    const token = await mailedToken(user.email);
    const later = new Date(Date.now() + RESET_TTL_MS + 1000);
    expect(await checkResetToken(token, later)).toEqual({ state: "expired" });
    await expect(resetPasswordWithToken({ token, newPassword: "too-late-pass-1", now: later })).rejects.toMatchObject({
      state: "expired",
      message: expect.stringContaining("expired"),
    });
    expect(await verifyPassword(OLD, await passwordOf(user.id))).toBe(true);
    expect(await prisma.icrSession.count({ where: { userId: user.id } })).toBe(1);
    // Still unused: it was refused for its age alone.
    expect(await prisma.icrPasswordReset.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      usedAt: null,
    });
  });

  it("a forged token, or the token of a no-account request, is refused", async () => {
    const forged = "A".repeat(43);
    expect(await checkResetToken(forged)).toEqual({ state: "invalid" });
    expect(await checkResetToken("short")).toEqual({ state: "invalid" });
    await expect(resetPasswordWithToken({ token: forged, newPassword: "forged-pass-123" })).rejects.toMatchObject({
      state: "invalid",
    });
    // A row made for an unknown address opens nothing even with its token.
    const token = "B".repeat(43);
    await prisma.icrPasswordReset.create({
      data: {
        userId: null,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    expect(await checkResetToken(token)).toEqual({ state: "invalid" });
    await expect(resetPasswordWithToken({ token, newPassword: "forged-pass-123" })).rejects.toMatchObject({
      state: "invalid",
    });
  });

  it("a reset spends the account's other open links; a weak or mistyped new password changes nothing", async () => {
    const user = await userWithSessions("other-links@icr.test", 1);
    const first = await mailedToken(user.email);
    const second = await mailedToken(user.email);

    const weak = await resetPasswordAction({ token: second, newPassword: "short", confirmPassword: "short" });
    expect(actionFieldErrors(weak).newPassword).toBe("Use at least 12 characters");
    const typo = await resetPasswordAction({
      token: second,
      newPassword: "a-good-password",
      confirmPassword: "a-good-passwort",
    });
    expect(actionFieldErrors(typo).confirmPassword).toBe("The two passwords differ");
    expect(await checkResetToken(second)).toMatchObject({ state: "valid" });
    expect(await prisma.icrSession.count({ where: { userId: user.id } })).toBe(1);

    await resetPasswordWithToken({ token: second, newPassword: "a-good-password" });
    expect(await checkResetToken(first)).toEqual({ state: "used" });
  });
});
