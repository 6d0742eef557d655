import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { assertAccountMayMove } from "@/lib/carbonmark/account/account-standing";

export const INSTALL_STATE_TTL_MS = 10 * 60_000;

/** The ICR install URL, with a fresh single-use state bound to this user that expires in 10 minutes. */
export async function startIcrInstall(opts: { userId: string; returnTo: string; now?: Date }): Promise<string> {
  await assertAccountMayMove({ userId: opts.userId, action: "connect" });
  const cfg = config();
  const state = randomBytes(32).toString("base64url");
  const now = opts.now ?? new Date();
  await prisma.cmInstallState.create({
    data: {
      state,
      userId: opts.userId,
      returnTo: opts.returnTo,
      expiresAt: new Date(now.getTime() + INSTALL_STATE_TTL_MS),
    },
  });
  const redirectUri = `${cfg.APP_URL}/connect/icr/callback`;
  return `${cfg.ICR_WEB_URL}/apps/carbonmark/installations/new?state=${encodeURIComponent(state)}&redirectUri=${encodeURIComponent(redirectUri)}`;
}
