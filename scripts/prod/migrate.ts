// `npm run migrate`: applies pending migrations to DATABASE_URL (any PostgreSQL), then exits.
import { migrate } from "../../lib/stack/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("[migrate] cannot start: DATABASE_URL must be set to a postgresql:// URL");
  process.exit(1);
}
const applied = await migrate(url, (line) => console.log(`[migrate] ${line}`));
console.log(
  applied.length ? `[migrate] applied ${applied.length} migration(s)` : "[migrate] database schema is up to date",
);
