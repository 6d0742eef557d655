// `npm run start:worker`: the pg-boss worker only, configured by the environment alone. Any number
// of workers can share one database; each job is processed once.
import { requireConfig } from "./require-config.ts";

requireConfig("start:worker");
await import("../worker.ts");
