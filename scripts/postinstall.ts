// Runs after `npm install`: generates the Prisma client and compiles the contracts, offline.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { compileContracts } from "../lib/stack/compile-contracts.ts";

const root = path.resolve(import.meta.dirname, "..");
// `prisma generate` needs no schema engine, but looks for one unless this points at an executable.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const r = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env,
});
if (r.status !== 0) process.exit(r.status ?? 1);
compileContracts();
console.log("contracts compiled");
