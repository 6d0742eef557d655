import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readStackEnvFile, writeStackEnvFile } from "./stack-env-file.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "stack-env-"));
  dirs.push(dir);
  return dir;
};

describe("the throwaway stack's variables file", () => {
  it("gives a test process the variables the stack gave the app, readable by its owner only", () => {
    const dir = dataDir();
    const env = {
      DATABASE_URL: "postgresql://carbonmark:pw@127.0.0.1:54512/carbonmark",
      CHAIN_RPC_URL: "http://127.0.0.1:8912",
    };
    writeStackEnvFile(dir, env);
    expect(readStackEnvFile(dir)).toEqual(env);
    expect(statSync(path.join(dir, "stack-env.json")).mode & 0o777).toBe(0o600);
  });

  it("says which file is missing and why when no stack runs there", () => {
    const dir = dataDir();
    expect(() => readStackEnvFile(dir)).toThrow(
      `${path.join(dir, "stack-env.json")} is missing or unreadable: is the throwaway stack running?`,
    );
  });
});
