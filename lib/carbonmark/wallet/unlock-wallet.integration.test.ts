import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { changePin } from "@/lib/carbonmark/wallet/change-pin";
import { setUpPin } from "@/lib/carbonmark/wallet/set-up-pin";
import { unlockWallet } from "@/lib/carbonmark/wallet/unlock-wallet";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

describe("wallet PIN", () => {
  it("creates the wallet once, unlocks with the PIN, and changing the PIN needs the old one", async () => {
    const user = await ensureCmUser({ email: "pin-1@test.local", name: "P", password: "password-123" });
    const { address } = await setUpPin({ userId: user.id, pin: "111111" });
    await expect(setUpPin({ userId: user.id, pin: "222222" })).rejects.toThrow(/already has a PIN/);
    expect((await unlockWallet({ userId: user.id, pin: "111111" })).address).toBe(address);

    await expect(changePin({ userId: user.id, currentPin: "999999", newPin: "333333" })).rejects.toThrow(/Wrong PIN/);
    await changePin({ userId: user.id, currentPin: "111111", newPin: "333333" });
    await expect(unlockWallet({ userId: user.id, pin: "111111" })).rejects.toThrow(/Wrong PIN/);
    expect((await unlockWallet({ userId: user.id, pin: "333333" })).address).toBe(address);
  });

  it("locks transfers for 15 minutes after 5 wrong PINs in a row, and says until when", async () => {
    const user = await ensureCmUser({ email: "pin-2@test.local", name: "P", password: "password-123" });
    await setUpPin({ userId: user.id, pin: "123456" });
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 1; i <= 4; i++)
      await expect(unlockWallet({ userId: user.id, pin: "000000", now })).rejects.toThrow(`${5 - i} attempt`);
    await expect(unlockWallet({ userId: user.id, pin: "000000", now })).rejects.toThrow("locked until 10:15 UTC");
    // Even the right PIN is refused while locked.
    await expect(
      unlockWallet({ userId: user.id, pin: "123456", now: new Date("2030-01-01T10:14:00Z") }),
    ).rejects.toThrow("locked until 10:15 UTC");
    const w = await prisma.cmWallet.findUniqueOrThrow({ where: { userId: user.id } });
    expect(w.pinLockedUntil?.toISOString()).toBe("2030-01-01T10:15:00.000Z");
    await expect(
      unlockWallet({ userId: user.id, pin: "123456", now: new Date("2030-01-01T10:16:00Z") }),
    ).resolves.toBeTruthy();
  });
});
