// Password-reset timing for `npm run bench`, on both sides: how long a reset request takes for an
// address with an account and for one without. The answer is the same either way; its timing must
// not tell them apart (docs/account-security.md, docs/icr-contract.md). Measured in-process on the
// domain function the form's action calls (the action adds only the same parsing for both).
// Timings are here, never in tests.
import { randomBytes } from "node:crypto";
import type { TSection } from "./bench.ts";
import { measureResetTiming } from "./lib/reset-timing.ts";

const ADDRESSES = 100; // per side; each asked about 4 times (the per-address limits allow 5)
const ROUNDS = 4;
const WARM_UP = 20;

const addresses = (kind: string, domain: string) => {
  const label = randomBytes(4).toString("hex");
  return Array.from({ length: ADDRESSES }, (_, i) => `reset-${kind}-${label}-${i}@${domain}`);
};

export const resetTimingSections: TSection[] = [
  {
    name: "icr-reset-timing",
    run: async () => {
      const { prisma } = await import("../lib/db.ts");
      const { hashPassword } = await import("../lib/crypto/password.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { requestPasswordReset } = await import("../lib/registry/auth/password-reset.ts");
      const passwordHash = await hashPassword("bench-reset-pass");
      const known = addresses("known", "icr.test");
      await prisma.icrUser.createMany({ data: known.map((email) => ({ email, name: "Bench reset", passwordHash })) });
      let ip = 0;
      const rows = await measureResetTiming({
        known,
        unknown: addresses("unknown", "icr.test"),
        rounds: ROUNDS,
        warmUp: addresses("warm", "icr.test").slice(0, WARM_UP),
        ask: (email) => requestPasswordReset({ email, ip: `bench-${ip++}` }).then(() => undefined),
      });
      await stopBoss();
      return rows;
    },
  },
  {
    name: "cm-reset-timing",
    run: async () => {
      const { prisma } = await import("../lib/db.ts");
      const { hashPassword } = await import("../lib/crypto/password.ts");
      const { stopBoss } = await import("../lib/jobs/boss.ts");
      const { requestPasswordReset } = await import("../lib/carbonmark/account/reset-password.ts");
      const passwordHash = await hashPassword("bench-reset-pass");
      const known = addresses("known", "carbonmark.test");
      await prisma.cmUser.createMany({
        data: known.map((email) => ({ email, name: "Bench reset", passwordHash, emailVerifiedAt: new Date() })),
      });
      const rows = await measureResetTiming({
        known,
        unknown: addresses("unknown", "carbonmark.test"),
        rounds: ROUNDS,
        warmUp: addresses("warm", "carbonmark.test").slice(0, WARM_UP),
        ask: (email) => requestPasswordReset({ email }),
      });
      await stopBoss();
      return rows;
    },
  },
];
