// A Playwright spec's own world on the running e2e stack, built with the seed factories: an ICR
// organization holding credits with its admin and member, a Carbonmark user with a wallet and PIN,
// and, when asked, the Carbonmark app installed on the organization and connected for that user.
// Names and e-mails carry the spec's label, so no two specs (or two runs) share anything; a spec
// may change its world as it likes (e2e/fixtures.ts hands it out).
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { installApp } from "@/lib/registry/apps/install-app";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { orgWithCredits, ORG_USER_PASSWORDS } from "@/lib/testing/registry-api";

export type TWorldUser = { id: string; email: string; password: string; name: string };

export type TE2eWorld = {
  label: string;
  icr: {
    organization: { id: string; name: string; address: string };
    admin: TWorldUser;
    member: TWorldUser;
  };
  carbonmark: { user: TWorldUser & { pin: string; address: string } };
  /** Present when the world was asked to be connected: the app's installation on the organization. */
  installationId?: string;
};

export type TE2eWorldOptions = {
  /** Install the Carbonmark app on the organization (as its admin) and connect the Carbonmark user to it. */
  connected?: boolean;
};

const CM_PASSWORD = "world-carbonmark-password";
const CM_PIN = "246810";

/** `icr-apps` → `icr-apps-3f9a1c`: the spec's name, made unique for this run. */
export function worldLabel(specName: string): string {
  const base = specName
    .toLowerCase()
    .replace(/\.spec\.ts$/, "")
    .replace(/[^a-z0-9]+/g, "-");
  return `${base}-${randomBytes(3).toString("hex")}`;
}

/**
 * Makes a world named `label` (see worldLabel): the organization holds 10 credits of a project of its
 * own; the Carbonmark user's address is confirmed and its wallet made. With `connected`, the app is
 * installed as the organization's admin would (its `installed` webhook goes out as usual) and the
 * user's connection to it recorded, as the install callback would.
 */
export async function createE2eWorld(label: string, opts: TE2eWorldOptions = {}): Promise<TE2eWorld> {
  const { org, address, admin, member } = await orgWithCredits(label);
  const cm = await ensureCmUser({
    email: `${label}@carbonmark.test`,
    name: "Wren World",
    password: CM_PASSWORD,
    pin: CM_PIN,
  });
  const world: TE2eWorld = {
    label,
    icr: {
      organization: { id: org.id, name: org.fullName, address },
      admin: { id: admin.id, email: admin.email, name: admin.name, password: ORG_USER_PASSWORDS.admin },
      member: { id: member.id, email: member.email, name: member.name, password: ORG_USER_PASSWORDS.member },
    },
    carbonmark: {
      user: {
        id: cm.id,
        email: cm.email,
        name: cm.name,
        password: CM_PASSWORD,
        pin: CM_PIN,
        address: cm.wallet!.address,
      },
    },
  };
  if (!opts.connected) return world;

  const { installation } = await installApp({
    appId: config().ICR_APP_ID,
    organizationId: org.id,
    userId: admin.id,
  });
  await prisma.cmIcrConnection.create({
    data: {
      userId: cm.id,
      installationId: installation.id,
      organizationId: org.id,
      organizationName: org.fullName,
      icrUserId: admin.id,
      icrUserName: admin.name,
    },
  });
  return { ...world, installationId: installation.id };
}
