import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { listInventory } from "@/lib/registry/inventory/list-inventory";
import { createRequest } from "@/lib/registry/requests/create-request";
import { retireCredits } from "@/lib/registry/web/retire-credits";
import { ensureIcrUser, ensureIssuance, ensureOrganization, ensureProject } from "@/lib/seed/registry-factories";

// Processing is the worker's (registry-api's tests); here only that the request is queued.
vi.mock("@/lib/registry/requests/request-queue", () => ({
  enqueueRequestProcessing: async () => undefined,
  requestQueueReady: async () => undefined,
}));

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
    await expect(
      retireCredits({ ...base, userId: member.id, quantity: "1", idempotencyKey: randomUUID() }),
    ).rejects.toThrow(/Only an admin of this organization can retire credits/);
    expect(await prisma.icrCreditRequest.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("more than available is refused and nothing is reserved", async () => {
    await expect(
      retireCredits({ ...base, userId: admin.id, quantity: "10.001", idempotencyKey: randomUUID() }),
    ).rejects.toThrow(/available/);
    expect(await prisma.icrCreditRequest.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("an admin's retirement is created and accepted in one step, its amount reserved", async () => {
    const r = await retireCredits({
      ...base,
      userId: admin.id,
      quantity: "2.5",
      retirementComment: "",
      idempotencyKey: randomUUID(),
    });
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

  it("the same form sent twice (a closed dialog, a second click, a retry) retires once", async () => {
    const form = { ...base, userId: admin.id, quantity: "1", idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([retireCredits(form), retireCredits(form)]);
    const again = await retireCredits(form);
    expect(new Set([a.id, b.id, again.id]).size).toBe(1);
    expect(a.state).toBe("pending_queue");
    expect(await prisma.icrCreditRequest.count({ where: { idempotencyKey: form.idempotencyKey } })).toBe(1);
    const item = (await listInventory({ organizationId: org.id })).find((i) => i.id === credit.id);
    expect(item).toMatchObject({ reserved: "3.5", available: "6.5" });
  });

  it("a form whose request was made but not yet accepted (a crash in between) is accepted when sent again", async () => {
    const form = { ...base, userId: admin.id, quantity: "0.5", idempotencyKey: randomUUID() };
    const made = await createRequest({
      organizationId: org.id,
      action: "retire",
      idempotencyKey: form.idempotencyKey,
      input: { creditId: credit.id, amount: "0.5", beneficiaryName: base.beneficiaryName },
    });
    const r = await retireCredits(form);
    expect(r).toMatchObject({ id: made.id, state: "pending_queue", decidedById: admin.id });
  });

  it("another organization's key is not this one's request", async () => {
    const key = randomUUID();
    const other = await ensureOrganization({ fullName: "Other Retire Org", countryCode: "IS", type: "buyer" });
    await expect(
      retireCredits({ ...base, organizationId: other.id, userId: admin.id, quantity: "1", idempotencyKey: key }),
    ).rejects.toThrow(/Only an admin/);
    expect(await prisma.icrCreditRequest.count({ where: { idempotencyKey: key } })).toBe(0);

    // A key this organization already used, sent by the other organization's own admin: not this
    // organization's request (the other holds none of the credit, so it is refused and nothing is made).
    const otherAdmin = await ensureIcrUser({
      email: "ret-other-admin@test.test",
      name: "O",
      password: "pw-123456",
      memberships: [{ organizationId: other.id, role: "admin" }],
    });
    const used = await retireCredits({ ...base, userId: admin.id, quantity: "0.001", idempotencyKey: randomUUID() });
    const form = { ...base, organizationId: other.id, userId: otherAdmin.id, quantity: "0.001" };
    await expect(retireCredits({ ...form, idempotencyKey: used.idempotencyKey! })).rejects.toThrow(/available/);
    expect(await prisma.icrCreditRequest.count({ where: { organizationId: other.id } })).toBe(0);
  });
});
