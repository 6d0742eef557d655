// `tsx scripts/seed.ts`: puts the demo data into DATABASE_URL, as each `npm start` does. Idempotent;
// an app already registered keeps its settings (several instances may seed one database).
import { seedDemo } from "../lib/seed/demo.ts";

await seedDemo();
process.exit(0);
