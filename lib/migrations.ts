import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export type TMigrationFile = { name: string; sql: string; checksum: string };

/** The migrations shipped with this code (prisma/migrations/<ts>_<name>/migration.sql), oldest first. */
export function listMigrations(
  dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations"),
): TMigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's checksum: sha256 of the file, hex.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
