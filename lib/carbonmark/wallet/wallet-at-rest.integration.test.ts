import { createHmac, randomBytes } from "node:crypto";
import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { kekFromBase64, unwrapSecret, wrappedKekId, wrapSecret } from "@/lib/crypto/key-wrap";
import { scryptAsync } from "@/lib/crypto/scrypt";
import { hashPin } from "@/lib/carbonmark/wallet/pin-hash";
import { rewrapWalletKeys } from "@/lib/carbonmark/wallet/rewrap-wallet-keys";
import { setUpPin } from "@/lib/carbonmark/wallet/set-up-pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { walletKeyAad } from "@/lib/carbonmark/wallet/wallet-key";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

// A rotation in progress: the current KEK is WALLET_KEK, keys wrapped before still open with this one.
// (Set before the first config() read of this test file's process.)
const PREVIOUS_KEK = randomBytes(32).toString("base64");
process.env.WALLET_KEK_PREVIOUS = PREVIOUS_KEK;

const fullRow = (userId: string) =>
  prisma.cmWallet.findUniqueOrThrow({
    where: { userId },
    omit: { keystoreJson: false, keyWrapped: false, pinHash: false },
  });

describe("wallet keys at rest", () => {
  it("a dump of the wallet row without the server's keys yields no private key and cannot test PIN guesses", async () => {
    const user = await ensureCmUser({ email: "dump@test.local", name: "D", password: "password-123" });
    await setUpPin({ userId: user.id, pin: "314159" });
    const wallet = await unlockWallet({ userId: user.id, pin: "314159" });
    const row = await fullRow(user.id);
    const dump = JSON.stringify(row);

    expect(dump).not.toContain(wallet.privateKey.slice(2));
    expect(row.keystoreJson).toBeNull(); // nothing under the PIN alone
    const aad = walletKeyAad(user.id, row.address);
    expect(() => unwrapSecret(row.keyWrapped!, [kekFromBase64(randomBytes(32).toString("base64"))], aad)).toThrow(
      /not configured/,
    );
    // Even a guessed key under the right key id does not open it; nor does the PIN made into a key.
    const kekId = wrappedKekId(row.keyWrapped!)!;
    expect(() => unwrapSecret(row.keyWrapped!, [{ id: kekId, key: randomBytes(32) }], aad)).toThrow(/does not open/);
    const pinKey = await scryptAsync("314159", Buffer.alloc(16), 32, { N: 2 ** 14, r: 8, p: 1 });
    expect(() => unwrapSecret(row.keyWrapped!, [{ id: kekId, key: pinKey }], aad)).toThrow(/does not open/);
    // Moved into another user's row, the wrapped key does not open with the real KEK either.
    const current = kekFromBase64(process.env.WALLET_KEK!);
    expect(unwrapSecret(row.keyWrapped!, [current], aad).toString("hex")).toBe(wallet.privateKey.slice(2));
    expect(() =>
      unwrapSecret(row.keyWrapped!, [current], walletKeyAad(randomBytes(16).toString("hex"), row.address)),
    ).toThrow(/does not open/);

    // The PIN hash: the right PIN with a guessed pepper does not reproduce it (offline guessing needs the server's pepper).
    const [, n, r, p, salt, hash] = row.pinHash!.split("$");
    const guess = await scryptAsync(
      createHmac("sha256", randomBytes(32)).update(`${user.id}:314159`).digest(),
      Buffer.from(salt, "base64url"),
      32,
      { N: Number(n), r: Number(r), p: Number(p) },
    );
    expect(guess.toString("base64url")).not.toBe(hash);
  });

  it("an old-format wallet (keystore under the PIN) still works, and its owner's next correct PIN migrates it", async () => {
    const user = await ensureCmUser({ email: "legacy@test.local", name: "L", password: "password-123" });
    // Exactly what wallets made before KEK wrapping hold: ethers' keystore of a random wallet under the PIN.
    const old = Wallet.createRandom();
    await prisma.cmWallet.create({
      data: { userId: user.id, address: old.address, keystoreJson: await old.encrypt("271828") },
    });

    await expect(unlockWallet({ userId: user.id, pin: "000000" })).rejects.toThrow("Wrong PIN. 4 attempts left");
    expect((await fullRow(user.id)).keystoreJson).not.toBeNull();

    const unlocked = await unlockWallet({ userId: user.id, pin: "271828" });
    expect(unlocked.address).toBe(old.address);
    expect(unlocked.privateKey).toBe(old.privateKey);
    const migrated = await fullRow(user.id);
    expect(migrated).toMatchObject({ keystoreJson: null, pinFailures: 0 });
    expect(wrappedKekId(migrated.keyWrapped!)).toBe(kekFromBase64(process.env.WALLET_KEK!).id);
    expect(migrated.pinHash).toMatch(/^p1\$/);

    expect((await unlockWallet({ userId: user.id, pin: "271828" })).privateKey).toBe(old.privateKey);
    await expect(unlockWallet({ userId: user.id, pin: "000000" })).rejects.toThrow("Wrong PIN.");
  });

  it("after a KEK rotation, a key wrapped with the previous KEK still opens and is re-wrapped with the current one", async () => {
    const user = await ensureCmUser({ email: "rotate@test.local", name: "R", password: "password-123" });
    const key = new Wallet(`0x${randomBytes(32).toString("hex")}`);
    const previous = kekFromBase64(PREVIOUS_KEK);
    await prisma.cmWallet.create({
      data: {
        userId: user.id,
        address: key.address,
        keyWrapped: wrapSecret(
          Buffer.from(key.privateKey.slice(2), "hex"),
          previous,
          walletKeyAad(user.id, key.address),
        ),
        pinHash: await hashPin({ userId: user.id, pin: "161803" }),
      },
    });

    expect((await unlockWallet({ userId: user.id, pin: "161803" })).privateKey).toBe(key.privateKey);
    const row = await fullRow(user.id);
    expect(wrappedKekId(row.keyWrapped!)).toBe(kekFromBase64(process.env.WALLET_KEK!).id);
    expect(
      unwrapSecret(
        row.keyWrapped!,
        [kekFromBase64(process.env.WALLET_KEK!)],
        walletKeyAad(user.id, key.address),
      ).toString("hex"),
    ).toBe(key.privateKey.slice(2));
  });

  it("finishing a KEK rotation re-wraps every key still under the previous KEK without anyone's PIN", async () => {
    const user = await ensureCmUser({ email: "rotate-all@test.local", name: "R", password: "password-123" });
    const key = new Wallet(`0x${randomBytes(32).toString("hex")}`);
    await prisma.cmWallet.create({
      data: {
        userId: user.id,
        address: key.address,
        keyWrapped: wrapSecret(
          Buffer.from(key.privateKey.slice(2), "hex"),
          kekFromBase64(PREVIOUS_KEK),
          walletKeyAad(user.id, key.address),
        ),
        pinHash: await hashPin({ userId: user.id, pin: "141421" }),
      },
    });
    const counts = await rewrapWalletKeys({ batchSize: 2 });
    expect(counts.rewrapped).toBe(1);
    expect(await rewrapWalletKeys()).toMatchObject({ rewrapped: 0 });
    const row = await fullRow(user.id);
    expect(wrappedKekId(row.keyWrapped!)).toBe(kekFromBase64(process.env.WALLET_KEK!).id);
    expect((await unlockWallet({ userId: user.id, pin: "141421" })).privateKey).toBe(key.privateKey);
  });
});
