import { randomUUID } from "node:crypto";
import { connectedHolder } from "@/lib/testing/connected-holder";
import { Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carbonCredit } from "@/lib/chain/carbon-credit";
import { provider } from "@/lib/chain/provider";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { sendExport } from "@/lib/carbonmark/exports/send-export";
import { passkeyAuthenticationOptions } from "@/lib/carbonmark/passkeys/authenticate-passkey";
import { passkeyConfirmState } from "@/lib/carbonmark/passkeys/manage-passkeys";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/carbonmark/passkeys/register-passkey";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";
import { ZSendExport } from "@/lib/carbonmark/exports/send-export";
import { sendIcrProjects } from "@/lib/testing/icr-projects";
import { sendJson, startLocalServer } from "@/lib/testing/local-http-server";
import { SoftAuthenticator } from "@/lib/testing/soft-authenticator";

// Export confirmed with a passkey in place of the PIN. A stand-in for ICR's token and addresses
// endpoints; the chain is the real (per-file) anvil; the passkey signs with a real P-256 key.
const ORIGIN = "http://127.0.0.1:3999";
const PIN = "123456";
const orgAddress = "0x00000000000000000000000000000000000ab1e5";
const installationId = "5d0c5c9e-3a62-4f1e-8d7a-0a1b2c3d4e5f";
const organizationId = "0f0e8a35-0b0c-4b8e-9f67-1b7c6a2e9d01";
let icr: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  icr = await startLocalServer(async (req, res) => {
    if (req.url === "/projects") return sendIcrProjects(res);
    if (req.url?.endsWith("/accessTokens"))
      return sendJson(res, 201, { token: "crs_test", expiresAt: new Date(Date.now() + 7200_000).toISOString() });
    if (req.url === `/organizations/${organizationId}/addresses`)
      return sendJson(res, 200, { addresses: [{ address: orgAddress, isDefault: true }] });
    sendJson(res, 404, { message: "unknown" });
  });
  process.env.ICR_API_URL = icr.url;
});
afterAll(async () => {
  icr.close();
  await (await boss()).stop({ graceful: false, wait: true });
});

const connectedUser = (label: string, holding: { address?: string } = {}) =>
  connectedHolder({
    email: `${label}-${randomUUID().slice(0, 8)}@test.local`,
    name: label,
    amount: "1",
    connection: { installationId, organizationId },
    holder: holding.address,
  });

async function addPasskey(userId: string) {
  const authenticator = new SoftAuthenticator(ORIGIN);
  const { challengeId, optionsJSON } = await startPasskeyRegistration({ userId, pin: PIN });
  await finishPasskeyRegistration({
    userId,
    challengeId,
    response: authenticator.register(optionsJSON),
    name: "Phone",
  });
  return authenticator;
}

/** What the PIN dialog's "Use a passkey instead" sends: a confirm challenge bound to the user, answered. */
async function confirmWith(
  authenticator: SoftAuthenticator,
  userId: string,
  purpose: "confirm" | "sign_in" = "confirm",
) {
  const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({
    purpose,
    userId: purpose === "sign_in" ? null : userId,
  });
  return { method: "passkey" as const, passkey: { challengeId, response: authenticator.authenticate(optionsJSON) } };
}

const balanceOf = (token: string, holder: string) =>
  carbonCredit(token, provider()).balanceOf(holder, 1n) as Promise<bigint>;

describe("[EXPORT] confirmed with a passkey", () => {
  it("a passkey answer sends the export without the PIN; the same answer replayed for another export is refused and sends nothing", async () => {
    const { user, creditId, tokenAddress } = await connectedUser("export-passkey");
    const phone = await addPasskey(user.id);
    expect(await passkeyConfirmState(user.id)).toBe("available");

    // What the action parses: a passkey answer in place of the PIN (no `pin` field at all).
    const consent = await confirmWith(phone, user.id);
    const input = ZSendExport.parse({
      creditId,
      quantity: "0.001",
      idempotencyKey: randomUUID(),
      destinationAddress: orgAddress,
      ...consent,
    });
    const done = await sendExport({ userId: user.id, ...input });
    expect(done.status).toBe("confirmed");
    expect(await balanceOf(tokenAddress, orgAddress)).toBe(10n ** 15n);

    await expect(sendExport({ ...input, userId: user.id, idempotencyKey: randomUUID() })).rejects.toThrow(
      "expired or was already used",
    );
    expect(await prisma.cmExport.count({ where: { userId: user.id } })).toBe(1);
    expect(await balanceOf(tokenAddress, orgAddress)).toBe(10n ** 15n);
  });

  it("refuses another user's passkey, an answer to a sign-in challenge, and a PIN-less input without a passkey", async () => {
    const { user, creditId } = await connectedUser("export-other");
    const other = await connectedUser("export-mallory");
    const mallorys = await addPasskey(other.user.id);
    const mine = await addPasskey(user.id);
    const base = { userId: user.id, creditId, quantity: "0.001", destinationAddress: orgAddress };

    // Mallory's authenticator answers a challenge bound to Mallory: not usable on this account.
    await expect(
      sendExport({ ...base, idempotencyKey: randomUUID(), ...(await confirmWith(mallorys, other.user.id)) }),
    ).rejects.toThrow("expired or was already used");
    // Mallory's passkey answering this user's challenge: not their passkey.
    const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({ purpose: "confirm", userId: user.id });
    const response = mallorys.authenticate({ ...optionsJSON, allowCredentials: [] });
    await expect(
      sendExport({ ...base, idempotencyKey: randomUUID(), method: "passkey", passkey: { challengeId, response } }),
    ).rejects.toThrow("could not be verified");
    await expect(
      sendExport({ ...base, idempotencyKey: randomUUID(), ...(await confirmWith(mine, user.id, "sign_in")) }),
    ).rejects.toThrow("expired or was already used");
    expect(
      ZSendExport.safeParse({
        creditId,
        quantity: "0.001",
        idempotencyKey: randomUUID(),
        destinationAddress: orgAddress,
      }).error?.issues[0]?.path,
    ).toEqual(["pin"]);
    expect(await prisma.cmExport.count({ where: { userId: user.id } })).toBe(0);
  });

  it("the hold after a PIN reset applies to a passkey too", async () => {
    const { user, creditId } = await connectedUser("export-held");
    const phone = await addPasskey(user.id);
    const { challengeId, optionsJSON } = await passkeyAuthenticationOptions({ purpose: "pin_reset", userId: user.id });
    await resetPin({
      userId: user.id,
      password: "password-123",
      newPin: "999999",
      passkey: { challengeId, response: phone.authenticate(optionsJSON) },
    });
    await expect(
      sendExport({
        userId: user.id,
        creditId,
        quantity: "0.001",
        idempotencyKey: randomUUID(),
        destinationAddress: orgAddress,
        ...(await confirmWith(phone, user.id)),
      }),
    ).rejects.toThrow("Your PIN was reset recently. For your safety, exports and retirements are held until");
  });

  it("a wallet whose key exists only under the old PIN cannot be opened by a passkey: it says to enter the PIN once", async () => {
    const old = Wallet.createRandom();
    const { user, creditId } = await connectedUser("export-legacy", { address: old.address });
    const phone = await addPasskey(user.id);
    // Its wallet as an account from before the KEK has it: the key only in a keystore under the PIN.
    await prisma.cmWallet.delete({ where: { userId: user.id } });
    await prisma.cmWallet.create({
      data: { userId: user.id, address: old.address, keystoreJson: await old.encrypt(PIN) },
    });
    expect(await passkeyConfirmState(user.id)).toBe("legacy_wallet");

    await expect(
      sendExport({
        userId: user.id,
        creditId,
        quantity: "0.001",
        idempotencyKey: randomUUID(),
        destinationAddress: orgAddress,
        ...(await confirmWith(phone, user.id)),
      }),
    ).rejects.toThrow(
      "Your passkey cannot confirm transfers yet: this wallet still uses the old PIN-only protection. Enter your PIN once to upgrade it; after that your passkey works here too.",
    );
    // The PIN once upgrades the wallet; then the passkey works.
    await sendExport({
      userId: user.id,
      creditId,
      quantity: "0.001",
      idempotencyKey: randomUUID(),
      destinationAddress: orgAddress,
      pin: PIN,
    });
    expect(await passkeyConfirmState(user.id)).toBe("available");
    const done = await sendExport({
      userId: user.id,
      creditId,
      quantity: "0.001",
      idempotencyKey: randomUUID(),
      destinationAddress: orgAddress,
      ...(await confirmWith(phone, user.id)),
    });
    expect(done.status).toBe("confirmed");
  });
});
