import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/crypto/password";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";
import { changePassword } from "@/lib/carbonmark/account/change-password";
import { confirmEmailChange, requestEmailChange } from "@/lib/carbonmark/account/change-email";
import { freezeAccount } from "@/lib/carbonmark/account/freeze-account";
import { requestPasswordReset, resetPassword } from "@/lib/carbonmark/account/reset-password";
import { confirmEmail } from "@/lib/carbonmark/account/verify-email";
import { verifyCredentials } from "@/lib/carbonmark/auth/verify-credentials";
import { queueExportReceipt } from "@/lib/carbonmark/mail/queue-receipt-mail";
import { setMailPreference } from "@/lib/carbonmark/mail/mail-preferences";
import { signUp } from "@/lib/carbonmark/users/sign-up";
import { changePin } from "@/lib/carbonmark/wallet/change-pin";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";
import { setUpPin } from "@/lib/carbonmark/wallet/set-up-pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { sendExport } from "@/lib/carbonmark/exports/send-export";
import { retireCredits } from "@/lib/carbonmark/retirements/retire-credits";
import { startIcrInstall } from "@/lib/carbonmark/connection/start-install";
import { requestImport } from "@/lib/carbonmark/imports/request-import";

const PASSWORD = "the-right-password-1";

/** The mails recorded for an address, oldest first. */
const mailsTo = (recipient: string) =>
  prisma.cmMailOutbox.findMany({ where: { recipient }, orderBy: { createdAt: "asc" } });

/** The token of the newest mailed link to `path` for the address. */
async function linkToken(recipient: string, path: string): Promise<string> {
  const mails = await mailsTo(recipient);
  for (const m of mails.reverse()) {
    const match = m.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
    if (match) return match[1]!;
  }
  throw new Error(`no ${path} link mailed to ${recipient}`);
}

const userRow = (email: string) => prisma.cmUser.findUniqueOrThrow({ where: { email } });

describe("[VERIFY] a new account proves its address before it connects, moves credits or gets other mail", () => {
  it("sign-up mails one single-use link; until it is used every credit-moving action is refused and no other mail goes out", async () => {
    const email = "new-owner@carbonmark.test";
    await signUp({ name: "Ada Admin", email, password: PASSWORD });
    const user = await userRow(email);
    expect(user.emailVerifiedAt).toBeNull();
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.kind)).toEqual(["verify_email"]);

    for (const action of ["connect", "import", "export", "retire"] as const)
      await expect(assertAccountMayMove({ userId: user.id, action })).rejects.toThrow(/Confirm your e-mail address/);
    // The domain functions refuse before anything else (no wallet, no ICR needed to see it).
    await expect(startIcrInstall({ userId: user.id, returnTo: "/import/icr" })).rejects.toThrow(/Confirm your e-mail/);
    await expect(
      requestImport({ userId: user.id, creditId: "x", quantity: "1", idempotencyKey: crypto.randomUUID() }),
    ).rejects.toThrow(/Confirm your e-mail/);
    await setUpPin({ userId: user.id, pin: "135790" });
    await expect(
      sendExport({
        userId: user.id,
        creditId: "x",
        quantity: "1",
        pin: "135790",
        idempotencyKey: crypto.randomUUID(),
        destinationAddress: "0x0000000000000000000000000000000000000001",
      }),
    ).rejects.toThrow(/Confirm your e-mail address before you send credits/);
    await expect(
      retireCredits({
        userId: user.id,
        creditId: "x",
        quantity: "1",
        pin: "135790",
        idempotencyKey: crypto.randomUUID(),
        beneficiary: "B",
        reason: "R",
      } as never),
    ).rejects.toThrow(/Confirm your e-mail address before you retire/);
    expect(await prisma.cmInstallState.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.cmImport.count({ where: { userId: user.id } })).toBe(0);

    // A receipt for an unverified address is not sent.
    await prisma.$transaction((db) =>
      queueExportReceipt(db, {
        id: crypto.randomUUID(),
        userId: user.id,
        amount: { toFixed: () => "1" },
        creditId: "c",
        toAddress: "0x1",
        txHash: null,
        updatedAt: new Date(),
        organizationId: crypto.randomUUID(),
      } as never),
    );
    expect((await mailsTo(email)).map((m) => m.kind)).toEqual(["verify_email"]);

    // The link is stored only as a hash, and works once.
    const token = await linkToken(email, "/verify-email");
    const tokens = await prisma.cmAccountToken.findMany({ where: { userId: user.id } });
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(await confirmEmail({ token: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A") })).toBeNull();
    expect(await confirmEmail({ token })).toEqual({ email });
    expect(await confirmEmail({ token })).toBeNull();
    expect((await userRow(email)).emailVerifiedAt).not.toBeNull();
    await expect(assertAccountMayMove({ userId: user.id, action: "export" })).resolves.toBeUndefined();
  });

  it("an expired link confirms nothing", async () => {
    const email = "late@carbonmark.test";
    await signUp({ name: "Late", email, password: PASSWORD });
    const token = await linkToken(email, "/verify-email");
    expect(await confirmEmail({ token, now: new Date(Date.now() + 49 * 3_600_000) })).toBeNull();
    expect((await userRow(email)).emailVerifiedAt).toBeNull();
  });
});

describe("[RESET] password reset by a mailed single-use link", () => {
  it("known and unknown addresses get the same answer and exactly one outbox mail each", async () => {
    await ensureCmUser({ email: "known@carbonmark.test", name: "K", password: PASSWORD });
    expect(await requestPasswordReset({ email: "known@carbonmark.test" })).toBeUndefined();
    expect(await requestPasswordReset({ email: "nobody@carbonmark.test" })).toBeUndefined();
    expect((await mailsTo("known@carbonmark.test")).map((m) => m.kind)).toEqual(["reset_password"]);
    expect((await mailsTo("nobody@carbonmark.test")).map((m) => m.kind)).toEqual(["reset_password_unknown"]);
    expect(await prisma.cmUser.count({ where: { email: "nobody@carbonmark.test" } })).toBe(0);
  });

  it("a newer link replaces the older one, and asking changes no row but its own (as for an unknown address)", async () => {
    const user = await ensureCmUser({ email: "twice@carbonmark.test", name: "T", password: PASSWORD });
    await requestPasswordReset({ email: user.email });
    const first = await linkToken(user.email, "/reset-password");
    const rowsAfterFirst = await prisma.cmAccountToken.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    await new Promise((r) => setTimeout(r, 5)); // a later millisecond
    await requestPasswordReset({ email: user.email });
    const second = await linkToken(user.email, "/reset-password");
    // The first request's row is as it was: the second wrote only its own.
    const rowsAfterSecond = await prisma.cmAccountToken.findMany({
      where: { id: { in: rowsAfterFirst.map((r) => r.id) } },
    });
    expect(rowsAfterSecond).toEqual(rowsAfterFirst);

    expect(await resetPassword({ token: first, newPassword: "from-the-old-link-1" })).toBeNull();
    expect(await resetPassword({ token: second, newPassword: "from-the-new-link-2" })).not.toBeNull();
    const after = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("from-the-new-link-2", after.passwordHash)).toBe(true);
  });

  it("sets the password once (of two concurrent uses one wins), ends every session, mails a notice; expired links do nothing", async () => {
    const user = await ensureCmUser({ email: "reset@carbonmark.test", name: "R", password: PASSWORD });
    await requestPasswordReset({ email: user.email });
    const token = await linkToken(user.email, "/reset-password");
    expect(JSON.stringify(await prisma.cmAccountToken.findMany())).not.toContain(token);
    const expired = await resetPassword({
      token,
      newPassword: "an-expired-password",
      now: new Date(Date.now() + 31 * 60_000),
    });
    expect(expired).toBeNull();

    const before = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id } });
    const results = await Promise.all([
      resetPassword({ token, newPassword: "new-password-one-1" }),
      resetPassword({ token, newPassword: "new-password-two-2" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const won = results[0] ? "new-password-one-1" : "new-password-two-2";
    expect(await verifyPassword(won, after.passwordHash)).toBe(true);
    expect((await mailsTo(user.email)).map((m) => m.kind)).toContain("security:password_reset");
  });
});

describe("[PASSWORD] password change", () => {
  it("a wrong current password changes nothing; the right one ends every session and mails a notice", async () => {
    const user = await ensureCmUser({ email: "change@carbonmark.test", name: "C", password: PASSWORD });
    const before = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    await expect(
      changePassword({ userId: user.id, currentPassword: "wrong-password", newPassword: "another-password-9" }),
    ).rejects.toThrow("That is not your current password. Nothing was changed.");
    expect(await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } })).toEqual(
      before,
    );
    expect(await mailsTo(user.email)).toEqual([]);

    const version = await changePassword({
      userId: user.id,
      currentPassword: PASSWORD,
      newPassword: "another-password-9",
    });
    expect(version).toBe(before.sessionVersion + 1);
    expect(await verifyCredentials({ email: user.email, password: "another-password-9" })).toMatchObject({
      id: user.id,
    });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD })).toBeNull();
    const [notice] = await mailsTo(user.email);
    expect(notice).toMatchObject({ kind: "security:password_changed" });
    expect(notice!.text).toMatch(/\/account\/freeze\?token=/);
  });
});

describe("[EMAIL] e-mail change", () => {
  it("takes effect only through the link sent to the new address; the old address hears of the request and the change", async () => {
    const user = await ensureCmUser({ email: "old@carbonmark.test", name: "O", password: PASSWORD });
    await expect(
      requestEmailChange({ userId: user.id, newEmail: "new@carbonmark.test", password: "wrong-password" }),
    ).rejects.toThrow("That is not your password");
    expect(await mailsTo("new@carbonmark.test")).toEqual([]);

    await requestEmailChange({ userId: user.id, newEmail: "new@carbonmark.test", password: PASSWORD });
    expect((await userRow("old@carbonmark.test")).id).toBe(user.id);
    expect((await mailsTo("old@carbonmark.test")).map((m) => m.kind)).toEqual(["security:email_change_requested"]);
    const token = await linkToken("new@carbonmark.test", "/change-email");
    expect(await confirmEmailChange({ token })).toEqual({ email: "new@carbonmark.test" });
    expect(await confirmEmailChange({ token })).toBeNull();
    expect((await userRow("new@carbonmark.test")).id).toBe(user.id);
    expect((await mailsTo("old@carbonmark.test")).map((m) => m.kind)).toEqual([
      "security:email_change_requested",
      "security:email_changed",
    ]);
  });

  it("an address another account uses gets a mail saying so and no link; nothing changes", async () => {
    const a = await ensureCmUser({ email: "a@carbonmark.test", name: "A", password: PASSWORD });
    await ensureCmUser({ email: "b@carbonmark.test", name: "B", password: PASSWORD });
    await requestEmailChange({ userId: a.id, newEmail: "b@carbonmark.test", password: PASSWORD });
    const [mail] = await mailsTo("b@carbonmark.test");
    expect(mail).toMatchObject({ kind: "change_email_taken" });
    expect(mail!.text).not.toMatch(/token=/);
    expect((await userRow("a@carbonmark.test")).id).toBe(a.id);
  });
});

describe("[FREEZE] a notice's link freezes the account without signing in; only a mailed password reset lifts it", () => {
  it("freezes transfers and sign-in at once, mails a reset link, and the reset lifts it", async () => {
    const user = await ensureCmUser({ email: "victim@carbonmark.test", name: "V", password: PASSWORD, pin: "246810" });
    // The intruder (with the password) resets the PIN: the owner is mailed at once.
    await resetPin({ userId: user.id, password: PASSWORD, newPin: "999999" });
    const notice = (await mailsTo(user.email)).find((m) => m.kind === "security:pin_reset");
    expect(notice?.subject).toBe("Security notice: Your wallet PIN was reset");
    const freezeToken = await linkToken(user.email, "/account/freeze");

    const versionBefore = (await userRow(user.email)).sessionVersion;
    expect(await freezeAccount({ token: freezeToken })).toEqual({ email: user.email });
    const frozen = await userRow(user.email);
    expect(frozen.frozenAt).not.toBeNull();
    expect(frozen.sessionVersion).toBe(versionBefore + 1);
    await expect(verifyCredentials({ email: user.email, password: PASSWORD })).rejects.toThrow("AccountFrozen");
    await expect(assertAccountMayMove({ userId: user.id, action: "export" })).rejects.toThrow(/This account is frozen/);
    expect(await freezeAccount({ token: freezeToken })).toBeNull();

    // The owner proves the mailbox and sets a new password: the freeze is lifted.
    const resetToken = await linkToken(user.email, "/reset-password");
    expect(await resetPassword({ token: resetToken, newPassword: "owners-new-password" })).toEqual({
      email: user.email,
      wasFrozen: true,
    });
    const lifted = await userRow(user.email);
    expect(lifted.frozenAt).toBeNull();
    expect(lifted.freezeLiftedAt).not.toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "owners-new-password" })).toMatchObject({
      id: user.id,
    });
  });

  it("the owner's PIN reset after lifting a freeze ends no later than the intruder's hold would have", async () => {
    const user = await ensureCmUser({ email: "hold@carbonmark.test", name: "H", password: PASSWORD, pin: "246810" });
    const t0 = new Date("2031-03-01T10:00:00Z");
    const { heldUntil: intruders } = await resetPin({ userId: user.id, password: PASSWORD, newPin: "999999", now: t0 });
    await prisma.cmUser.update({
      where: { id: user.id },
      data: { freezeLiftedAt: new Date("2031-03-01T12:00:00Z") },
    });
    const { heldUntil: owners } = await resetPin({
      userId: user.id,
      password: PASSWORD,
      newPin: "112233",
      now: new Date("2031-03-01T13:00:00Z"),
    });
    expect(owners.toISOString()).toBe(intruders.toISOString());
    // Without a lifted freeze, a second reset starts a fresh hold.
    const { heldUntil: again } = await resetPin({
      userId: user.id,
      password: PASSWORD,
      newPin: "445566",
      now: new Date("2031-03-01T14:00:00Z"),
    });
    expect(again.toISOString()).toBe("2031-03-02T14:00:00.000Z");
  });
});

describe("[NOTICES] security notices reach the owner whatever the settings", () => {
  it("PIN change and notification changes mail a notice, even with every kind turned off", async () => {
    const user = await ensureCmUser({ email: "notices@carbonmark.test", name: "N", password: PASSWORD, pin: "246810" });
    await setMailPreference({ userId: user.id, kind: "export_receipt", isEnabled: false });
    await changePin({ userId: user.id, currentPin: "246810", newPin: "135791" });
    const kinds = (await mailsTo(user.email)).map((m) => m.kind);
    expect(kinds).toEqual(["security:notifications_changed", "security:pin_changed"]);
    await unlockWallet({ userId: user.id, pin: "135791" });
  });
});

describe("[VERIFY] accounts from before verification", () => {
  it("start unverified and get one link at sign-in (not another while it is live)", async () => {
    const user = await ensureCmUser({
      email: "legacy@carbonmark.test",
      name: "L",
      password: PASSWORD,
      verified: false,
    });
    const { authOptions } = await import("@/lib/carbonmark/auth/auth-options");
    const signedIn = await verifyCredentials({ email: user.email, password: PASSWORD });
    await authOptions.events!.signIn!({ user: signedIn!, account: null } as never);
    await authOptions.events!.signIn!({ user: signedIn!, account: null } as never);
    expect((await mailsTo(user.email)).map((m) => m.kind)).toEqual(["verify_email"]);
  });
});

describe("[EMAIL] a thief who moved the account to their own mailbox", () => {
  it("is undone by the old address's notice: freezing moves the account back there and mails the reset link there", async () => {
    const user = await ensureCmUser({ email: "rightful@carbonmark.test", name: "R", password: PASSWORD });
    await requestEmailChange({ userId: user.id, newEmail: "thief@evil.test", password: PASSWORD });
    expect(await confirmEmailChange({ token: await linkToken("thief@evil.test", "/change-email") })).toEqual({
      email: "thief@evil.test",
    });
    const changed = (await mailsTo("rightful@carbonmark.test")).find((m) => m.kind === "security:email_changed")!;
    const token = /\/account\/freeze\?token=([A-Za-z0-9_-]+)/.exec(changed.text)![1]!;
    expect(await freezeAccount({ token })).toEqual({ email: "rightful@carbonmark.test" });
    const after = await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ email: "rightful@carbonmark.test" });
    expect(after.frozenAt).not.toBeNull();
    // The way back in goes to the rightful mailbox, not the thief's.
    await linkToken("rightful@carbonmark.test", "/reset-password");
    expect((await mailsTo("thief@evil.test")).map((m) => m.kind)).not.toContain("account_frozen");
  });
});

describe("[NOTICES] sign-in from a new device", () => {
  it("mails the owner for a browser the account has not used, but not for the one it was just made on", async () => {
    const { rememberDevice } = await import("@/lib/carbonmark/auth/known-devices");
    const { onSignedIn } = await import("@/lib/carbonmark/auth/on-signed-in");
    const user = await ensureCmUser({ email: "devices@carbonmark.test", name: "D", password: PASSWORD });
    const first = await rememberDevice({ userId: user.id, deviceId: "a".repeat(32), userAgent: "Firefox" });
    await onSignedIn({ userId: user.id, isNewDevice: first.isNew, userAgent: "Firefox" });
    expect(await mailsTo(user.email)).toEqual([]);
    const again = await rememberDevice({ userId: user.id, deviceId: "a".repeat(32), userAgent: "Firefox" });
    await onSignedIn({ userId: user.id, isNewDevice: again.isNew, userAgent: "Firefox" });
    expect(await mailsTo(user.email)).toEqual([]);

    const other = await rememberDevice({ userId: user.id, deviceId: "b".repeat(32), userAgent: "Thief Browser" });
    await onSignedIn({ userId: user.id, isNewDevice: other.isNew, userAgent: "Thief Browser" });
    const [notice] = await mailsTo(user.email);
    expect(notice).toMatchObject({ kind: "security:new_device_sign_in" });
    expect(notice!.text).toContain("Browser: Thief Browser");
  });
});

describe("[FREEZE] a passkey added since the notice", () => {
  it("is removed by the freeze (it may be the intruder's); older passkeys stay", async () => {
    const user = await ensureCmUser({ email: "passkey-freeze@carbonmark.test", name: "P", password: PASSWORD });
    const passkey = (credentialId: string) => ({
      userId: user.id,
      credentialId,
      publicKey: new Uint8Array([1, 2, 3]),
      counter: 0n,
      transports: [],
      name: credentialId,
    });
    await prisma.cmPasskey.create({ data: { ...passkey("owners-own"), createdAt: new Date(Date.now() - 3_600_000) } });
    // The intruder's passkey and its notice, in one transaction (as register-passkey.ts does).
    const { queueSecurityNotice } = await import("@/lib/carbonmark/account/security-notice");
    await prisma.$transaction(async (db) => {
      await db.cmPasskey.create({ data: passkey("intruders") });
      await queueSecurityNotice(db, { userId: user.id, event: "passkey_added", eventKey: "pk-added-test" });
    });
    const token = await linkToken(user.email, "/account/freeze");
    expect(await freezeAccount({ token })).toEqual({ email: user.email });
    const left = await prisma.cmPasskey.findMany({ where: { userId: user.id } });
    expect(left.map((p) => p.credentialId)).toEqual(["owners-own"]);
  });
});
