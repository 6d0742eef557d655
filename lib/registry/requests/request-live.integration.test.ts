import { afterAll, describe, expect, it } from "vitest";
import { Wallet } from "ethers";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { closeLiveHub, watchLive } from "@/lib/live/live-hub";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { orgWithCredits } from "@/lib/testing/registry-api";

afterAll(async () => {
  await closeLiveHub();
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

const until = async (check: () => boolean, ms = 10_000) => {
  for (const deadline = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > deadline) throw new Error("timed out");
};

describe("an organization's open inventory page", () => {
  it("hears on the live channel when a request made with a plain access token is accepted and when it is processed", async () => {
    const a = await orgWithCredits("live");
    let heard = 0;
    let up = false;
    const stop = watchLive(`inventory:${a.org.id}`, { onEvent: () => heard++, onStatus: (s) => (up = s) });
    await until(() => up);
    const r = await createRequest({
      organizationId: a.org.id,
      action: "transfer",
      input: { creditId: a.credit.id, amount: "0.001", toAddress: Wallet.createRandom().address },
    });
    expect(r.requestedByAppId).toBeNull();
    await until(() => heard >= 1); // created
    const afterCreate = heard;
    await acceptRequest({ requestId: r.id, userId: a.admin.id });
    await until(() => heard > afterCreate);
    const afterAccept = heard;
    await processRequests([r.id]);
    expect((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("processed");
    await until(() => heard > afterAccept);
    stop();
  });
});
