import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/carbonmark/auth/auth-options";
import { passkeyAuthenticationOptions } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { listPasskeys, removePasskey, renewRecoveryCodes } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/carbonmark/passkeys/register-passkey";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { SoftAuthenticator } from "@/lib/testing/soft-authenticator";

// Passkeys end to end on the server: the soft authenticator signs with real P-256 keys and
// @simplewebauthn/server verifies, unmocked. Sign-in goes through the credentials provider's own
// authorize (password, then the second factor), as next-auth calls it.
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
});

const ORIGIN = "http://127.0.0.1:3999"; // APP_URL of the integration setup
const PASSWORD = "the-right-password-1";
const PIN = "135790";

type TAuthorize = (credentials: Record<string, string>, req: unknown) => Promise<{ id: string } | null>;
const authorize = (credentials: Record<string, string>) =>
  (authOptions.providers[0] as unknown as { options: { authorize: TAuthorize } }).options.authorize(credentials, {});

async function passkeyUser(label: string) {
  const user = await ensureCmUser({
    email: `${label}-${randomUUID().slice(0, 8)}@carbonmark.test`,
    name: label,
    password: PASSWORD,
    pin: PIN,
  });
  await prisma.cmUser.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  return user;
}

async function addPasskey(userId: string, authenticator: SoftAuthenticator, name = "Laptop") {
  const { challengeId, optionsJSON } = await startPasskeyRegistration({ userId, pin: PIN });
  return finishPasskeyRegistration({ userId, challengeId, response: authenticator.register(optionsJSON), name });
}

/** The second sign-in step's `passkey` field: a sign-in challenge (no account named) answered by the authenticator. */
async function signInAnswer(authenticator: SoftAuthenticator, opts: { now?: Date } = {}) {
  const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({
    purpose: "sign_in",
    userId: null,
    ...opts,
  });
  expect(optionsJSON.allowCredentials ?? []).toEqual([]);
  return JSON.stringify({ challengeId, response: authenticator.authenticate(optionsJSON) });
}

async function answer(authenticator: SoftAuthenticator, userId: string, purpose: "confirm" | "pin_reset") {
  const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({ purpose, userId });
  return { challengeId, response: authenticator.authenticate(optionsJSON) };
}

const noticesOf = (userId: string, kind: string) =>
  prisma.cmUser
    .findUniqueOrThrow({ where: { id: userId }, select: { email: true } })
    .then(({ email }) => prisma.cmMailOutbox.findMany({ where: { recipient: email, kind: `security:${kind}` } }));

describe("[PASSKEYS] adding a passkey", () => {
  it("needs the wallet PIN; the first passkey comes with 10 one-time recovery codes (stored hashed), a later one with none; each mails a notice", async () => {
    const user = await passkeyUser("add");
    const phone = new SoftAuthenticator(ORIGIN);
    await expect(startPasskeyRegistration({ userId: user.id, pin: "000000" })).rejects.toThrow("Wrong PIN");

    const first = await addPasskey(user.id, phone, "Phone");
    expect(first.recoveryCodes).toHaveLength(10);
    expect(new Set(first.recoveryCodes).size).toBe(10);
    for (const code of first.recoveryCodes!) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    const stored = await prisma.cmRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    const plain = first.recoveryCodes!.map((c) => c.replace(/-/g, ""));
    for (const row of stored) expect(plain.some((c) => row.codeHash.includes(c))).toBe(false);

    const second = await addPasskey(user.id, new SoftAuthenticator(ORIGIN), "Security key");
    expect(second.recoveryCodes).toBeNull();
    expect((await listPasskeys(user.id)).map((p) => p.name)).toEqual(["Phone", "Security key"]);
    expect(await noticesOf(user.id, "passkey_added")).toHaveLength(2);

    // The same authenticator cannot be registered twice (it is excluded, and its credential id is unique).
    await expect(addPasskey(user.id, phone)).rejects.toThrow("already holds an excluded credential");
  });

  it("a registration answer signed for another origin, or a used registration challenge, adds nothing", async () => {
    const user = await passkeyUser("add-bad");
    const key = new SoftAuthenticator(ORIGIN);
    const { challengeId, optionsJSON } = await startPasskeyRegistration({ userId: user.id, pin: PIN });
    await expect(
      finishPasskeyRegistration({
        userId: user.id,
        challengeId,
        response: key.register(optionsJSON, { origin: "http://evil.example" }),
        name: "Phishing",
      }),
    ).rejects.toThrow("its answer could not be verified");
    await expect(
      finishPasskeyRegistration({ userId: user.id, challengeId, response: key.register(optionsJSON), name: "Again" }),
    ).rejects.toThrow("expired or was already used");
    expect(await listPasskeys(user.id)).toEqual([]);
  });
});

describe("[SIGN-IN] a user with a passkey", () => {
  it("the right password alone is refused with passkey_required (and a wrong one as any wrong password); the password and their passkey sign in", async () => {
    const user = await passkeyUser("sign-in");
    const phone = new SoftAuthenticator(ORIGIN);
    expect(await authorize({ email: user.email, password: PASSWORD })).toMatchObject({ id: user.id }); // no passkey yet
    await addPasskey(user.id, phone);

    await expect(authorize({ email: user.email, password: PASSWORD })).rejects.toThrow(/^passkey_required$/);
    expect(await authorize({ email: user.email, password: "wrong-password-1" })).toBeNull();
    expect(
      await authorize({ email: user.email, password: "wrong-password-1", passkey: await signInAnswer(phone) }),
    ).toBeNull();
    // Garbage in the passkey field is no way around it.
    await expect(authorize({ email: user.email, password: PASSWORD, passkey: "{}" })).rejects.toThrow(
      /^passkey_failed$/,
    );
    await expect(authorize({ email: user.email, password: PASSWORD, passkey: "" })).rejects.toThrow(
      /^passkey_required$/,
    );

    const signedIn = await authorize({ email: user.email, password: PASSWORD, passkey: await signInAnswer(phone) });
    expect(signedIn).toMatchObject({ id: user.id });
    expect((await listPasskeys(user.id))[0]!.lastUsedAt).not.toBeNull();
  });

  it("another user's passkey is refused, even answering a fresh challenge with the right password", async () => {
    const alice = await passkeyUser("alice");
    const mallory = await passkeyUser("mallory");
    await addPasskey(alice.id, new SoftAuthenticator(ORIGIN));
    const mallorys = new SoftAuthenticator(ORIGIN);
    await addPasskey(mallory.id, mallorys);

    await expect(
      authorize({ email: alice.email, password: PASSWORD, passkey: await signInAnswer(mallorys) }),
    ).rejects.toThrow(/^passkey_failed$/);
  });

  it("a challenge works once: the same answer posted again is refused; an expired one and another purpose's are refused", async () => {
    const user = await passkeyUser("replay");
    const phone = new SoftAuthenticator(ORIGIN);
    await addPasskey(user.id, phone);

    const once = await signInAnswer(phone);
    const [a, b] = await Promise.allSettled([
      authorize({ email: user.email, password: PASSWORD, passkey: once }),
      authorize({ email: user.email, password: PASSWORD, passkey: once }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    await expect(authorize({ email: user.email, password: PASSWORD, passkey: once })).rejects.toThrow(
      /^passkey_failed$/,
    );

    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const expired = await signInAnswer(phone, { now: sixMinutesAgo });
    await expect(authorize({ email: user.email, password: PASSWORD, passkey: expired })).rejects.toThrow(
      /^passkey_failed$/,
    );

    // An answer to a "confirm" challenge (export, retirement) does not sign in.
    const confirm = await answer(phone, user.id, "confirm");
    await expect(
      authorize({ email: user.email, password: PASSWORD, passkey: JSON.stringify(confirm) }),
    ).rejects.toThrow(/^passkey_failed$/);
  });

  it("a counter that does not move forward (a cloned authenticator) is refused", async () => {
    const user = await passkeyUser("clone");
    const key = new SoftAuthenticator(ORIGIN, { counter: 5 });
    await addPasskey(user.id, key);
    expect(await authorize({ email: user.email, password: PASSWORD, passkey: await signInAnswer(key) })).toBeTruthy();
    const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({ purpose: "sign_in", userId: null });
    const stale = JSON.stringify({ challengeId, response: key.authenticate(optionsJSON, { counter: 6 }) });
    await expect(authorize({ email: user.email, password: PASSWORD, passkey: stale })).rejects.toThrow(
      /^passkey_failed$/,
    );
  });
});

describe("[RECOVERY] every passkey lost", () => {
  it("a recovery code replaces the passkey once (typed in any case, without dashes), mails a notice, and then is refused", async () => {
    const user = await passkeyUser("recover");
    const { recoveryCodes } = await addPasskey(user.id, new SoftAuthenticator(ORIGIN));
    const code = recoveryCodes![3]!;

    await expect(
      authorize({ email: user.email, password: PASSWORD, recoveryCode: "0000-0000-0000-0000" }),
    ).rejects.toThrow(/^recovery_code_failed$/);
    expect(await authorize({ email: user.email, password: "wrong-password-1", recoveryCode: code })).toBeNull();
    const typed = ` ${code.replace(/-/g, "").toUpperCase()} `;
    expect(await authorize({ email: user.email, password: PASSWORD, recoveryCode: typed })).toMatchObject({
      id: user.id,
    });
    await expect(authorize({ email: user.email, password: PASSWORD, recoveryCode: code })).rejects.toThrow(
      /^recovery_code_failed$/,
    );
    const notices = await noticesOf(user.id, "recovery_code_used");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("Recovery codes left");

    // Another user's code is no good here either.
    const other = await passkeyUser("recover-other");
    const theirs = await addPasskey(other.id, new SoftAuthenticator(ORIGIN));
    await expect(
      authorize({ email: user.email, password: PASSWORD, recoveryCode: theirs.recoveryCodes![0]! }),
    ).rejects.toThrow(/^recovery_code_failed$/);
  });

  it("new codes (confirmed with a passkey) make the old ones stop working", async () => {
    const user = await passkeyUser("renew");
    const phone = new SoftAuthenticator(ORIGIN);
    const { recoveryCodes: old } = await addPasskey(user.id, phone);
    const fresh = await renewRecoveryCodes({ userId: user.id, passkey: await answer(phone, user.id, "confirm") });
    expect(fresh).toHaveLength(10);
    await expect(authorize({ email: user.email, password: PASSWORD, recoveryCode: old![0]! })).rejects.toThrow(
      /^recovery_code_failed$/,
    );
    expect(await authorize({ email: user.email, password: PASSWORD, recoveryCode: fresh[0]! })).toBeTruthy();
  });

  it("removing needs a passkey or a recovery code; removing the last one drops the codes and sign-in is password-only again", async () => {
    const user = await passkeyUser("remove");
    const phone = new SoftAuthenticator(ORIGIN);
    const { passkeyId, recoveryCodes } = await addPasskey(user.id, phone, "Phone");
    const { passkeyId: keyId } = await addPasskey(user.id, new SoftAuthenticator(ORIGIN), "Lost key");

    await expect(
      removePasskey({ userId: user.id, passkeyId: keyId, proof: { method: "recovery_code", recoveryCode: "nope" } }),
    ).rejects.toThrow("That recovery code is not right");
    expect(await listPasskeys(user.id)).toHaveLength(2);

    await removePasskey({
      userId: user.id,
      passkeyId: keyId,
      proof: { method: "passkey", passkey: await answer(phone, user.id, "confirm") },
    });
    expect((await listPasskeys(user.id)).map((p) => p.name)).toEqual(["Phone"]);
    await removePasskey({
      userId: user.id,
      passkeyId,
      proof: { method: "recovery_code", recoveryCode: recoveryCodes![0]! },
    });
    expect(await listPasskeys(user.id)).toEqual([]);
    expect(await prisma.cmRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await noticesOf(user.id, "passkey_removed")).toHaveLength(2);
    expect(await authorize({ email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
  });
});

describe("[PIN RESET] a user with a passkey", () => {
  it("cannot reset the PIN with the password alone (nothing changes); password + passkey resets it, and the 24 h hold still applies", async () => {
    const user = await passkeyUser("reset");
    const phone = new SoftAuthenticator(ORIGIN);
    await addPasskey(user.id, phone);
    const before = await prisma.cmWallet.findUniqueOrThrow({ where: { userId: user.id }, omit: { pinHash: false } });

    await expect(resetPin({ userId: user.id, password: PASSWORD, newPin: "246802" })).rejects.toThrow(
      "Your account has a passkey, so a PIN reset needs one of your passkeys as well as your password. Nothing was changed.",
    );
    // An answer to another purpose's challenge does not do either.
    await expect(
      resetPin({
        userId: user.id,
        password: PASSWORD,
        newPin: "246802",
        passkey: await answer(phone, user.id, "confirm"),
      }),
    ).rejects.toThrow("expired or was already used");
    expect(await prisma.cmWallet.findUniqueOrThrow({ where: { userId: user.id }, omit: { pinHash: false } })).toEqual(
      before,
    );

    const { heldUntil } = await resetPin({
      userId: user.id,
      password: PASSWORD,
      newPin: "246802",
      passkey: await answer(phone, user.id, "pin_reset"),
    });
    expect(heldUntil.getTime()).toBeGreaterThan(Date.now());
    await expect(unlockWallet({ userId: user.id, pin: "246802" })).rejects.toThrow("held until");
  });

  it("a passkey answer without user verification is refused for a reset", async () => {
    const user = await passkeyUser("reset-uv");
    const key = new SoftAuthenticator(ORIGIN);
    await addPasskey(user.id, key);
    const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({ purpose: "pin_reset", userId: user.id });
    expect(optionsJSON.userVerification).toBe("required");
    await expect(
      resetPin({
        userId: user.id,
        password: PASSWORD,
        newPin: "246802",
        passkey: { challengeId, response: key.authenticate(optionsJSON, { userVerified: false }) },
      }),
    ).rejects.toThrow("could not be verified");
  });
});
