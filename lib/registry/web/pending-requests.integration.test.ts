import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listPendingRequestRows } from "@/lib/registry/web/list-pending-request-rows";
import { listRequestRows } from "@/lib/registry/web/list-request-rows";
import { HISTORY_FILTERS } from "@/lib/registry/web/request-states";
import { ensureIcrUser, ensureOrganization } from "@/lib/seed/registry-factories";

type TState = "pending_request" | "processed" | "rejected" | "failed";

describe("the ICR admin never misses a pending request", async () => {
  const org = await ensureOrganization({ fullName: "Pinned Org", countryCode: "IS", type: "projectProponent" });
  const admin = await ensureIcrUser({
    email: "pin-admin@test.test",
    name: "Ada Admin",
    password: "pw-123456",
    memberships: [{ organizationId: org.id, role: "admin" }],
  });
  const from = org.addresses.find((a) => a.isDefault)!.address;
  let minute = 0;
  const request = (state: TState, amount: string) =>
    prisma.icrCreditRequest.create({
      data: {
        organizationId: org.id,
        action: "transfer",
        type: "exPost",
        creditId: "exPost-1-0x0000000000000000000000000000000000000001",
        tokenId: "1",
        tokenAddress: "0x0000000000000000000000000000000000000001",
        serialization: "ICR-ISL-1-78001-1-R-0-2024",
        vintage: "2024",
        amount,
        fromAddress: from,
        toAddress: "0x00000000000000000000000000000000000000b2",
        state,
        createdAt: new Date(Date.UTC(2026, 0, 1, 9, minute++)),
        ...(state === "rejected" || state === "processed"
          ? { decidedById: admin.id, decidedAt: new Date(Date.UTC(2026, 0, 2, 10, 30)) }
          : {}),
      },
    });
  // The two oldest wait for a decision; 90 newer ones push them to page 10 of history.
  const waiting = [await request("pending_request", "1.234"), await request("pending_request", "1.234")];
  for (let i = 0; i < 90; i++) await request(i % 3 === 0 ? "rejected" : i % 3 === 1 ? "processed" : "failed", "0.5");

  it("pending requests on the last page are all pinned, with the total and reserved amount over every page", async () => {
    const pinned = await listPendingRequestRows({ organizationId: org.id });
    expect(pinned.rows.map((r) => r.id).sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(pinned.total).toBe(2);
    expect(pinned.reservedAmount).toBe("2.468");
  });

  it("history pages never repeat the pinned requests and count only the rest", async () => {
    const first = await listRequestRows({
      organizationId: org.id,
      page: 1,
      limit: 10,
      excludeStates: ["pending_request"],
    });
    expect(first.total).toBe(90);
    expect(first.pageCount).toBe(9);
    const last = await listRequestRows({
      organizationId: org.id,
      page: 9,
      limit: 10,
      excludeStates: ["pending_request"],
    });
    expect(last.rows.some((r) => r.state === "pending_request")).toBe(false);
  });

  it("history filtered to declined shows only declined requests, each saying who declined it and when", async () => {
    const declined = await listRequestRows({
      organizationId: org.id,
      page: 1,
      limit: 50,
      states: HISTORY_FILTERS.rejected.states,
      excludeStates: ["pending_request"],
    });
    expect(declined.total).toBe(30);
    expect(declined.rows.every((r) => r.state === "rejected")).toBe(true);
    expect(declined.rows[0]).toMatchObject({
      decidedBy: "Ada Admin (pin-admin@test.test)",
      decidedAt: "2026-01-02T10:30:00.000Z",
    });
  });
});
