import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { changePin } from "@/lib/carbonmark/wallet/change-pin";
import { resetPin } from "@/lib/carbonmark/wallet/reset-pin";
import { setUpPin } from "@/lib/carbonmark/wallet/set-up-pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

const fullRow = (userId: string) =>
  prisma.cmWallet.findUniqueOrThrow({
    where: { userId },
    omit: { keystoreJson: false, keyWrapped: false, pinHash: false },
  });

describe("resetting a forgotten PIN", () => {
  it("with the account password: the same wallet gets a new PIN, the lock ends, every session ends, and transfers are held 24 h with the reason", async () => {
    const user = await ensureCmUser({ email: "forgot@test.local", name: "F", password: "password-123" });
    const { address } = await setUpPin({ userId: user.id, pin: "111111" });
    const at = (iso: string) => new Date(iso);
    for (let i = 0; i < 5; i++)
      await expect(unlockWallet({ userId: user.id, pin: "999999", now: at("2030-01-01T10:00:00Z") })).rejects.toThrow(
        "Wrong PIN",
      );
    const before = await fullRow(user.id);
    expect(before.pinLockedUntil).not.toBeNull();

    await expect(
      resetPin({ userId: user.id, password: "wrong-password", newPin: "222222", now: at("2030-01-01T10:01:00Z") }),
    ).rejects.toThrow("That is not your account password. Nothing was changed.");
    expect(await fullRow(user.id)).toEqual(before);

    const versionBefore = (await prisma.cmUser.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    const { heldUntil, sessionVersion } = await resetPin({
      userId: user.id,
      password: "password-123",
      newPin: "222222",
      now: at("2030-01-01T10:01:00Z"),
    });
    expect(heldUntil.toISOString()).toBe("2030-01-02T10:01:00.000Z");
    // Whoever else holds a session cookie of this account is signed out.
    expect(sessionVersion).toBe(versionBefore + 1);
    const after = await fullRow(user.id);
    expect(after).toMatchObject({ address, keyWrapped: before.keyWrapped, pinFailures: 0, pinLockedUntil: null });
    expect(after.pinResetAt?.toISOString()).toBe("2030-01-01T10:01:00.000Z");

    // Exports and retirements (unlockWallet's default purpose) wait, and say why and until when.
    await expect(unlockWallet({ userId: user.id, pin: "222222", now: at("2030-01-02T10:00:00Z") })).rejects.toThrow(
      "Your PIN was reset recently. For your safety, exports and retirements are held until 2 Jan 2030, 10:01 UTC.",
    );
    await expect(unlockWallet({ userId: user.id, pin: "111111", now: at("2030-01-02T10:00:00Z") })).rejects.toThrow(
      "Wrong PIN.",
    );
    const wallet = await unlockWallet({ userId: user.id, pin: "222222", now: at("2030-01-02T10:01:01Z") });
    expect(wallet.address).toBe(address);
  });

  it("the hold does not stop changing the PIN again", async () => {
    const user = await ensureCmUser({ email: "forgot-2@test.local", name: "F", password: "password-123" });
    await setUpPin({ userId: user.id, pin: "123123" });
    await resetPin({ userId: user.id, password: "password-123", newPin: "456456" });
    await changePin({ userId: user.id, currentPin: "456456", newPin: "789789" });
    await expect(unlockWallet({ userId: user.id, pin: "789789" })).rejects.toThrow("held until");
  });

  it("an old-format wallet cannot be reset (its key exists only under the old PIN): it says so and changes nothing", async () => {
    const user = await ensureCmUser({ email: "forgot-legacy@test.local", name: "F", password: "password-123" });
    const old = Wallet.createRandom();
    await prisma.cmWallet.create({
      data: { userId: user.id, address: old.address, keystoreJson: await old.encrypt("135135") },
    });
    const before = await fullRow(user.id);
    await expect(resetPin({ userId: user.id, password: "password-123", newPin: "222222" })).rejects.toThrow(
      "old PIN-only protection",
    );
    expect(await fullRow(user.id)).toEqual(before);
  });
});
