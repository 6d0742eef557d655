import { prisma } from "@/lib/db";
import { queueSecurityNotice } from "@/lib/carbonmark/account/security-notice";
import { remindToVerify } from "@/lib/carbonmark/account/verify-email";

/** An account's very first browser, within this long of sign-up, is the one it was made on: no notice. */
const SIGN_UP_GRACE_MS = 60 * 60_000;

/**
 * Called after every successful Carbonmark sign-in, once its browser has been recorded
 * (known-devices.ts): a browser this account has not signed in on before (or one that sent no device
 * cookie) mails the owner a security notice, except the browser the account was just made on; an
 * address not yet confirmed gets its link (accounts from before verification, expired links).
 */
export async function onSignedIn(event: {
  userId: string;
  isNewDevice: boolean;
  userAgent: string;
  now?: Date;
}): Promise<void> {
  const now = event.now ?? new Date();
  await remindToVerify({ userId: event.userId, now });
  if (!event.isNewDevice) return;
  const user = await prisma.cmUser.findUnique({
    where: { id: event.userId },
    select: { createdAt: true, _count: { select: { knownDevices: true } } },
  });
  if (!user) return;
  const isSignUpBrowser = user._count.knownDevices <= 1 && now.getTime() - user.createdAt.getTime() < SIGN_UP_GRACE_MS;
  if (isSignUpBrowser) return;
  await prisma.$transaction((db) =>
    queueSecurityNotice(db, {
      userId: event.userId,
      event: "new_device_sign_in",
      eventKey: `new-device:${event.userId}:${now.getTime()}:${crypto.randomUUID()}`,
      details: [["Browser", event.userAgent || "unknown"]],
      now,
    }),
  );
}
