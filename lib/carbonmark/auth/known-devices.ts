import "server-only";
import { cookies, headers } from "next/headers";
import { deviceIdIn } from "@/lib/carbonmark/auth/device-cookie";
import { onSignedIn } from "@/lib/carbonmark/auth/on-signed-in";
import { prisma } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto/sha256";

// Browsers on which an account has signed in ("known devices"): their sign-in attempts have a budget
// of their own (rate-limits.ts), so nobody else's failed attempts lock the owner out there.

/** What is stored of a device id: its SHA-256 (hex), so a database dump yields no usable cookie. */
export function hashDeviceId(deviceId: string): string {
  return sha256Hex(deviceId);
}

const USER_AGENT_MAX = 200;

/** This request's device id (the `cm_device` cookie), or null: no cookie, a malformed one, or no request. */
export async function readDeviceId(): Promise<string | null> {
  try {
    return deviceIdIn(await cookies());
  } catch {
    return null; // outside a request (scripts, tests)
  }
}

async function readUserAgent(): Promise<string> {
  try {
    return (await headers()).get("user-agent") ?? "";
  } catch {
    return "";
  }
}

/** Records that this user signed in on this device (first and latest time, browser label). */
export async function rememberDevice(opts: {
  userId: string;
  deviceId: string;
  userAgent: string;
}): Promise<{ isNew: boolean }> {
  const deviceIdHash = hashDeviceId(opts.deviceId);
  const userAgent = opts.userAgent.trim().slice(0, USER_AGENT_MAX);
  const { count } = await prisma.cmKnownDevice.createMany({
    data: [{ userId: opts.userId, deviceIdHash, userAgent }],
    skipDuplicates: true,
  });
  if (count === 1) return { isNew: true };
  await prisma.cmKnownDevice.update({
    where: { userId_deviceIdHash: { userId: opts.userId, deviceIdHash } },
    data: { lastSeenAt: new Date(), userAgent },
  });
  return { isNew: false };
}

/** The account (by its sign-in email) on which this device has signed in before, or null. */
export async function knownDeviceAccount(opts: { email: string; deviceId: string }): Promise<string | null> {
  const row = await prisma.cmKnownDevice.findFirst({
    where: { deviceIdHash: hashDeviceId(opts.deviceId), user: { email: opts.email } },
    select: { userId: true },
  });
  return row?.userId ?? null;
}

/**
 * After a successful sign-in (next-auth's signIn event): remembers the request's device for the
 * user and calls onSignedIn. A request without a device cookie counts as a new device, unrecorded.
 */
export async function recordSignInDevice(userId: string): Promise<void> {
  const [deviceId, userAgent] = [await readDeviceId(), await readUserAgent()];
  const { isNew } = deviceId ? await rememberDevice({ userId, deviceId, userAgent }) : { isNew: true };
  await onSignedIn({ userId, isNewDevice: isNew, userAgent: userAgent.slice(0, USER_AGENT_MAX) });
}
