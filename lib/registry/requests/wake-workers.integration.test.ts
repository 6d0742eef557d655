// An accepted request is picked up by a worker at once, not at the worker's next poll: the
// acceptance announces its job on the live channel (LISTEN/NOTIFY, any process) and the worker
// wakes. Proven with a worker that polls only once an hour: far past the test's timeout, so the
// request can be processed at all only through the wake-up.
import { Wallet } from "ethers";
import { afterAll, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { workQueue } from "@/lib/jobs/start-jobs";
import { closeLiveHub } from "@/lib/live/live-hub";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequestQueue } from "@/lib/registry/requests/request-queue";
import { orgWithCredits } from "@/lib/testing/registry-api";

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeLiveHub();
  await closeOperatorLock();
});

const POLL_S = 3_600;

it("a worker that polls once an hour processes an accepted request (only the wake-up can explain it)", async () => {
  const a = await orgWithCredits("wake");
  const b = await boss();
  await workQueue(b, { ...processRequestQueue, workOptions: { batchSize: 50, pollingIntervalSeconds: POLL_S } });
  await new Promise((r) => setTimeout(r, 2_000)); // the workers' first fetch found nothing; they now sleep for an hour

  const r = await createRequest({
    organizationId: a.org.id,
    action: "transfer",
    input: { creditId: a.credit.id, amount: "0.5", toAddress: Wallet.createRandom().address },
  });
  await acceptRequest({ requestId: r.id, userId: a.admin.id });
  // No deadline of our own: the test's timeout (a minute) is the bound, and the next poll is an hour away.
  while ((await prisma.icrCreditRequest.findUniqueOrThrow({ where: { id: r.id } })).state !== "processed")
    await new Promise((res) => setTimeout(res, 100));
});
