import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listActivity } from "@/lib/carbonmark/activity/list-activity";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";

const CREDIT = "exPost-7-0x00000000000000000000000000000000000000c7";
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

describe("one activity list: imports, exports and retirements with dates and transactions", async () => {
  const user = await ensureCmUser({ email: "activity@test.test", name: "Ann", password: "pw-123456" });
  const other = await ensureCmUser({ email: "activity-other@test.test", name: "Bo", password: "pw-123456" });
  const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h, 15));
  await prisma.cmImport.create({
    data: {
      userId: user.id,
      idempotencyKey: "act-i1",
      organizationId: "00000000-0000-4000-8000-000000000001",
      creditId: CREDIT,
      projectName: "Fjord Forest",
      serialization: "ICR-ISL-7",
      vintage: "2024",
      amount: "2.5",
      toAddress: "0x01",
      state: "processed",
      txId: hash(1),
      createdAt: at(9),
    },
  });
  await prisma.cmExport.create({
    data: {
      userId: user.id,
      idempotencyKey: "act-e1",
      organizationId: "00000000-0000-4000-8000-000000000001",
      creditId: CREDIT,
      amount: "0.75",
      toAddress: "0x00000000000000000000000000000000000000b2",
      txHash: hash(2),
      status: "confirmed",
      createdAt: at(10),
    },
  });
  await prisma.cmRetirement.create({
    data: {
      userId: user.id,
      idempotencyKey: "act-r1",
      creditId: CREDIT,
      amount: "1",
      beneficiary: "Harbor Ferries",
      reason: "",
      comment: "",
      txHash: hash(3),
      status: "confirmed",
      icrRetirementId: "0f0e0d0c-0000-4000-8000-000000000003",
      finalAt: at(11),
      createdAt: at(11),
    },
  });
  await prisma.cmExport.create({
    data: {
      userId: other.id,
      idempotencyKey: "act-e2",
      organizationId: "00000000-0000-4000-8000-000000000001",
      creditId: CREDIT,
      amount: "9",
      toAddress: "0x02",
      status: "confirmed",
    },
  });

  it("lists the user's export beside their import and retirement, newest first, each with its date, project, state and transaction", async () => {
    const rows = await listActivity({ userId: user.id });
    expect(rows.map((r) => r.kind)).toEqual(["retirement", "export", "import"]);
    expect(rows[1]).toMatchObject({
      amount: "0.75",
      projectName: "Fjord Forest",
      serialization: "ICR-ISL-7",
      stateLabel: "Delivered to ICR",
      txHash: hash(2),
      at: "2026-11-20T10:15:00.000Z",
    });
    expect(rows[0]).toMatchObject({
      href: `/retirements/${rows[0].id}`,
      icrRetirementId: "0f0e0d0c-0000-4000-8000-000000000003",
      stateLabel: "Retired, certificate ready",
      detail: "For Harbor Ferries",
    });
    expect(rows[2]).toMatchObject({ stateLabel: "Arrived in your wallet", txHash: hash(1) });
  });

  it("never shows another user's activity", async () => {
    expect((await listActivity({ userId: user.id })).some((r) => r.amount === "9")).toBe(false);
  });
});
