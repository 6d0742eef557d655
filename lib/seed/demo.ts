// The demo data `npm start` puts in place: idempotent, a second start adds nothing.
import { config } from "@/lib/config";
import {
  ensureApp,
  ensureIcrUser,
  ensureIssuance,
  ensureOrganization,
  ensureProject,
} from "@/lib/seed/registry-factories";
import { ensureCmUser } from "@/lib/seed/carbonmark-factories";
import { logger } from "@/lib/log/logger";

export const DEMO = {
  carbonmark: { email: "demo@carbonmark.test", password: "carbonmark-demo", pin: "123456", name: "Dana Demo" },
  icrAdmin: { email: "admin@verdant.test", password: "icr-admin-demo", name: "Ada Admin" },
  icrMember: { email: "member@verdant.test", password: "icr-member-demo", name: "Milo Member" },
} as const;

export async function seedDemo() {
  const cfg = config();
  const verdant = await ensureOrganization({
    fullName: "Verdant Forest Holdings",
    countryCode: "IS",
    type: "projectProponent",
    city: "Reykjavik",
    website: "https://verdant.example",
  });
  const blue = await ensureOrganization({
    fullName: "Blue Harbor Carbon",
    countryCode: "NO",
    type: "broker",
    city: "Bergen",
  });
  await ensureIcrUser({
    ...DEMO.icrAdmin,
    memberships: [
      { organizationId: verdant.id, role: "admin" },
      { organizationId: blue.id, role: "admin" },
    ],
  });
  await ensureIcrUser({ ...DEMO.icrMember, memberships: [{ organizationId: verdant.id, role: "member" }] });

  const highlands = await ensureProject({
    num: "354",
    fullName: "Icelandic Highlands Reforestation",
    countryCode: "IS",
  });
  const wetland = await ensureProject({ num: "713", fullName: "Westfjords Wetland Restoration", countryCode: "IS" });
  const verdantAddress = verdant.addresses.find((a) => a.isDefault)!.address;
  await ensureIssuance({ project: highlands, tokenId: 1, vintage: "2021", amount: "1000", holder: verdantAddress });
  await ensureIssuance({ project: highlands, tokenId: 2, vintage: "2022", amount: "500", holder: verdantAddress });
  await ensureIssuance({ project: wetland, tokenId: 1, vintage: "2023", amount: "250", holder: verdantAddress });

  const app = await ensureApp({
    id: cfg.ICR_APP_ID,
    nameId: "carbonmark",
    name: "Carbonmark",
    description: "Carbonmark moves carbon credits between your ICR organization and your Carbonmark wallet.",
    privateKeyPem: cfg.ICR_APP_PRIVATE_KEY,
    callbackUrls: [`${cfg.APP_URL}/connect/icr/callback`],
    // Used only when the app is first registered; afterwards it is the app's setting (docs/operations.md).
    webhookUrl: cfg.ICR_APP_WEBHOOK_URL ?? `${cfg.APP_URL}/api/webhooks/icr`,
    webhookSecret: cfg.ICR_WEBHOOK_SECRET,
  });
  if (!app.matchesInput) {
    logger.warn(
      { appId: app.id, webhookUrl: app.webhookUrl },
      "the Carbonmark app is already registered with another key, webhook secret or callback URL; it was left as it is. Give every instance the same ICR_APP_PRIVATE_KEY, ICR_WEBHOOK_SECRET and APP_URL (docs/operations.md)",
    );
  }

  await ensureCmUser(DEMO.carbonmark);
  return { organizations: [verdant, blue] };
}
