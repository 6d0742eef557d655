// A throwaway stack (`--fresh`, e.g. the e2e one) writes the variables it gave the app into its data
// dir, so a test process can reach the same database and chain (lib/testing/e2e-world.ts). A real
// stack never writes them: its secrets stay in the environment.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE = "stack-env.json";

export function writeStackEnvFile(dataDir: string, env: Record<string, string>): void {
  writeFileSync(path.join(dataDir, FILE), JSON.stringify(env, null, 2), { mode: 0o600 });
}

/** The variables the throwaway stack in `dataDir` gave the app; throws naming the file when it is not running. */
export function readStackEnvFile(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, FILE);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch (err) {
    throw new Error(`${file} is missing or unreadable: is the throwaway stack running? (${(err as Error).message})`);
  }
}
