import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { listInventory } from "@/lib/registry/inventory/list-inventory";
import { retireCredits } from "@/lib/registry/web/retire-credits";
import { ensureIcrUser, ensureIssuance, ensureOrganization, ensureProject } from "@/lib/seed/registry-factories";

// Processing is the worker's (registry-api's tests); here only that the request is queued.
vi.mock("@/lib/registry/requests/request-queue", () => ({ enqueueRequestProcessing: async () => undefined }));

describe("retire from the ICR inventory page", async () => {
  const org = await ensureOrganization({ fullName: "Retire Org", countryCode: "IS", type: "projectProponent" });
  const admin = await ensureIcrUser({
    email: "ret-admin@test.test",
    name: "A",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const member = await ensureIcrUser({
    email: "ret-member@test.test",
    name: "M",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "member" }],
  });
  const project = await ensureProject({ num: "901", fullName: "Retire Test Project", countryCode: "IS" });
  const credit = await ensureIssuance({
    project,
    tokenId: 1,
    vintage: "2024",
    amount: "10",
    holder: org.addresses.find((a) => a.isDefault)!.address,
  });
  const base = {
    organizationId: org.id,
    creditId: credit.id,
    beneficiaryName: "Fjord Coffee",
    retirementReason: "Travel 2025",
  };

  it("a member is refused and nothing is created", async () => {
    await expect(retireCredits({ ...base, userId: member.id, quantity: "1" })).rejects.toThrow(
      /Only an admin of this organization can retire credits/,
    );
    expect(await prisma.icrCreditRequest.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("more than available is refused and nothing is reserved", async () => {
    await expect(retireCredits({ ...base, userId: admin.id, quantity: "10.001" })).rejects.toThrow(/available/);
    expect(await prisma.icrCreditRequest.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("an admin's retirement is created and accepted in one step, its amount reserved", async () => {
    const r = await retireCredits({ ...base, userId: admin.id, quantity: "2.5", retirementComment: "" });
    expect(r).toMatchObject({
      action: "retire",
      state: "pending_queue",
      beneficiaryName: "Fjord Coffee",
      retirementReason: "Travel 2025",
      retirementComment: null,
      decidedById: admin.id,
      toAddress: null,
    });
    expect(r.amount.toFixed()).toBe("2.5");
    const item = (await listInventory({ organizationId: org.id })).find((i) => i.id === credit.id);
    expect(item).toMatchObject({ amount: "10", reserved: "2.5", available: "7.5" });
  });
});
