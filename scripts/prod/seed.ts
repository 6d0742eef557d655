// `npm run seed`: the ICR sandbox's demo organizations, projects (contracts deployed once) and
// accounts, idempotently, on DATABASE_URL and CHAIN_RPC_URL, as each `npm start` does. Only for a
// sandbox deployment. An app already registered keeps its settings (several instances may seed one database).
import { requireConfig } from "./require-config.ts";

requireConfig("seed");
const { seedDemo } = await import("../../lib/seed/demo.ts");
await seedDemo();
console.log("[seed] demo data in place");
process.exit(0);
