// `npm run start:web`: Next.js only (after `npm run build`), configured by the environment alone.
// Run as many as you like behind a load balancer; they share one database.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { requireConfig } from "./require-config.ts";

requireConfig("start:web");
const root = path.resolve(import.meta.dirname, "../..");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("[start:web] cannot start: no production build; run `npm run build` first");
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "0.0.0.0";
const child = spawn(
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", host],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
