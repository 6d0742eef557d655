import PgBoss from "pg-boss";
import { config } from "@/lib/config";

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

/** The process's pg-boss instance (started lazily; senders need no worker). */
export function boss(): Promise<PgBoss> {
  globalForBoss.boss ??= (async () => {
    const b = new PgBoss({ connectionString: config().DATABASE_URL, schema: "pgboss", max: 5 });
    b.on("error", (err) => console.error("[pg-boss]", err));
    await b.start();
    return b;
  })();
  return globalForBoss.boss;
}
