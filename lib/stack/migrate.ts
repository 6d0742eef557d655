// Applies prisma/migrations/<ts>_<name>/migration.sql in order and records each in
// _prisma_migrations exactly as `prisma migrate deploy` does (same table, checksum = sha256 of
// the file), so machines that do have Prisma's schema engine agree with what ran here.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { listMigrations as listMigrationFiles } from "../migrations.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const PRISMA_ADVISORY_LOCK = 72707369; // the key Prisma's migrate uses

export type TMigrationStatus = { applied: string[]; pending: string[] };

export function listMigrations() {
  return listMigrationFiles(MIGRATIONS_DIR);
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migrationStatus(client: pg.ClientBase): Promise<TMigrationStatus> {
  const all = listMigrations().map((m) => m.name);
  const table = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!table.rows[0].t) return { applied: [], pending: all };
  const rows = await client.query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Set(rows.rows.map((r) => r.migration_name as string));
  return { applied: all.filter((n) => done.has(n)), pending: all.filter((n) => !done.has(n)) };
}

export async function migrate(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const rows = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    for (const m of listMigrations()) {
      const done = rows.rows.filter((r) => r.migration_name === m.name && !r.rolled_back_at);
      if (done.some((r) => r.finished_at)) {
        if (!done.some((r) => r.checksum === m.checksum))
          log(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      if (done.length)
        throw new Error(
          `Migration ${m.name} failed earlier and was not rolled back; fix the database, then mark it rolled back.`,
        );
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}
