import { signIcrBody } from "@/lib/carbonmark/webhooks/verify-signature";
import { Wallet } from "ethers";
import { afterAll, expect, it } from "vitest";
import { closeOperatorLock } from "@/lib/chain/operator-lock";
import { prisma } from "@/lib/db";
import { boss } from "@/lib/jobs/boss";
import { startHeartbeat } from "@/lib/jobs/heartbeat";
import { icrRoute } from "@/lib/registry/api/icr-route";
import { acceptRequest } from "@/lib/registry/requests/accept-request";
import { createRequest } from "@/lib/registry/requests/create-request";
import { processRequests } from "@/lib/registry/requests/process-request";
import { WEBHOOK_QUEUE, webhookBoss } from "@/lib/registry/webhooks/webhook-jobs";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { orgWithCredits } from "@/lib/testing/registry-api";
import { POST as webhookReceiver } from "@/app/api/webhooks/icr/route";
import { GET } from "./route";

const TOKEN = "scrape-secret-0123456789";
process.env.METRICS_TOKEN = TOKEN;

afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  await closeOperatorLock();
});

/** The value of one sample line, e.g. sample(text, 'icr_credit_requests{state="processed",action="transfer"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

it("an operator's scrape shows request counts by state, queue depth and age, latencies, webhook failures, PIN lock-outs and HTTP latency by route", async () => {
  // Two processed transfers, one accepted and still queued (no worker runs here), one pending.
  const a = await orgWithCredits("metrics");
  const dest = Wallet.createRandom().address;
  const make = () =>
    createRequest({
      organizationId: a.org.id,
      action: "transfer",
      input: { creditId: a.credit.id, amount: "0.001", toAddress: dest },
    });
  const [p1, p2, queued] = [await make(), await make(), await make()];
  await make();
  for (const r of [p1, p2, queued]) await acceptRequest({ requestId: r.id, userId: a.admin.id });
  await processRequests([p1.id, p2.id]);
  // Webhooks: one delivered, one whose first attempt failed (waiting to retry).
  const b = await webhookBoss();
  await b.send(WEBHOOK_QUEUE, { n: 1 });
  await b.send(WEBHOOK_QUEUE, { n: 2 });
  const jobs = await b.fetch(WEBHOOK_QUEUE, { batchSize: 2 });
  await b.complete(WEBHOOK_QUEUE, jobs[0].id);
  await b.fail(WEBHOOK_QUEUE, jobs[1].id, { message: "receiver answered 503" });
  // A wallet locked out after too many wrong PINs.
  const user = await ensureCmUser({
    email: "locked@metrics.test",
    name: "Locked",
    password: "pw-locked-123",
    pin: "123456",
  });
  await prisma.cmWallet.updateMany({
    where: { userId: user.id },
    data: { pinFailures: 5, pinLockedUntil: new Date(Date.now() + 600_000) },
  });
  // An ICR API call served by this process, and a worker beating.
  const route = icrRoute({ auth: "none" }, async () => ({ ok: true }));
  await route(new Request(`http://test/icr/api/organizations/${a.org.id}/inventory`), { params: Promise.resolve({}) });
  // Carbonmark's routes are measured too: a webhook whose signature does not verify.
  const forged = await webhookReceiver(
    new Request("http://test/api/webhooks/icr", {
      method: "POST",
      body: "{}",
      // The header ICR signs with, carrying an HMAC made with a secret that is not ours.
      headers: { "x-icr-signature-256": signIcrBody("{}", "not-the-webhook-secret-0123456789") },
    }),
  );
  const heartbeat = await startHeartbeat();

  const res = await GET(new Request("http://test/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  await heartbeat.stop();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const text = await res.text();

  expect(sample(text, 'icr_credit_requests{state="processed",action="transfer"}')).toBe(2);
  expect(sample(text, 'icr_credit_requests{state="pending_queue",action="transfer"}')).toBe(1);
  expect(sample(text, 'icr_credit_requests{state="pending_request",action="transfer"}')).toBe(1);
  // Three accepts queued three jobs; this test processed two requests directly, so all three jobs still wait.
  expect(sample(text, 'pgboss_queue_depth{queue="icr-process-request"}')).toBe(3);
  expect(sample(text, 'pgboss_queue_depth{queue="icr-webhook"}')).toBe(1);
  expect(sample(text, 'pgboss_queue_oldest_job_age_seconds{queue="icr-process-request"}')).toBeGreaterThan(0);
  expect(sample(text, 'pgboss_queue_oldest_job_age_seconds{queue="icr-process-request"}')).toBeLessThan(120);
  expect(text).toContain("# TYPE icr_request_processing_seconds histogram");
  expect(sample(text, "icr_request_processing_seconds_count")).toBe(2);
  expect(sample(text, 'icr_request_processing_seconds_bucket{le="+Inf"}')).toBe(2);
  expect(sample(text, "icr_request_processing_seconds_sum")).toBeGreaterThan(0);
  expect(sample(text, "icr_webhook_delivery_seconds_count")).toBe(1);
  expect(sample(text, 'icr_webhook_deliveries{state="completed"}')).toBe(1);
  expect(sample(text, 'icr_webhook_deliveries{state="retry"}')).toBe(1);
  expect(sample(text, "icr_webhook_failed_attempts")).toBe(1);
  expect(sample(text, "carbonmark_pin_locked_wallets")).toBe(1);
  expect(sample(text, "worker_alive")).toBe(1);
  expect(text).toContain("# TYPE http_request_duration_seconds histogram");
  expect(
    sample(
      text,
      'http_request_duration_seconds_count{method="GET",route="/icr/api/organizations/[id]/inventory",status="200"}',
    ),
  ).toBe(1);
  expect(
    sample(
      text,
      `http_request_duration_seconds_count{method="POST",route="/api/webhooks/icr",status="${forged.status}"}`,
    ),
  ).toBe(1);
  expect(forged.status).toBeGreaterThanOrEqual(400);
  expect(forged.status).toBe(401);
  expect(text).toContain("process_cpu_user_seconds_total");
});
