// Starts one throwaway PostgreSQL for the whole integration run and migrates a template database;
// each test file then gets its own copy (lib/testing/integration-setup.ts).
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../stack/migrate.ts";
import { freePort } from "../stack/ports.ts";
import { startEmbeddedPostgres } from "../stack/postgres.ts";
import { loadOrCreateDevSecrets } from "../stack/secrets.ts";
import { compileContracts } from "../stack/compile-contracts.ts";

export const TEMPLATE_DB = "carbonmark_template";

export default async function setup(project: TestProject) {
  const dataDir = path.resolve(".data/test-vitest");
  const { rmSync, mkdirSync } = await import("node:fs");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  compileContracts();
  const { secrets, postgresPassword } = loadOrCreateDevSecrets(dataDir);
  const server = await startEmbeddedPostgres({
    dir: path.join(dataDir, "postgres"),
    port: await freePort(),
    database: TEMPLATE_DB,
    password: postgresPassword,
  });
  await migrate(server.url);
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  project.provide("pgAdminUrl", admin.toString());
  project.provide("secrets", JSON.stringify(secrets));
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    secrets: string;
  }
}

export async function createDatabaseFromTemplate(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
