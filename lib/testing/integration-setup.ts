// Per test file: a fresh database copied from the migrated template, a fresh anvil chain, and a
// complete environment, so the app's own modules (config, prisma, provider) work unchanged.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { anvilKey, startAnvil } from "../stack/chain.ts";
import { DEV_APP_ID } from "../stack/secrets.ts";
import { freePort } from "../stack/ports.ts";
import { createDatabaseFromTemplate } from "./global-setup.ts";

const dbName = `test_${randomBytes(6).toString("hex")}`;
const databaseUrl = await createDatabaseFromTemplate(inject("pgAdminUrl"), dbName);
const anvil = await startAnvil({ port: await freePort() });
const secrets = JSON.parse(inject("secrets")) as Record<string, string>;
const appUrl = "http://127.0.0.1:3999";

Object.assign(process.env, secrets, {
  DATABASE_URL: databaseUrl,
  CHAIN_RPC_URL: anvil.url,
  REGISTRY_OPERATOR_KEY: anvilKey(0),
  CARBONMARK_GAS_KEY: anvilKey(1),
  APP_URL: appUrl,
  ICR_API_URL: `${appUrl}/icr/api`,
  ICR_WEB_URL: `${appUrl}/icr`,
  ICR_APP_ID: DEV_APP_ID,
  LOG_LEVEL: "silent",
});

afterAll(async () => {
  const g = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  await anvil.stop();
});
