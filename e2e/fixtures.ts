// The `test` of the specs that need their own world (lib/testing/e2e-world.ts): `world` is this
// spec file's ICR organization (with credits, an admin and a member) and Carbonmark user (wallet
// and PIN), made once per spec file on the running e2e stack. `test.use({ worldOptions: { connected:
// true } })` also installs the app on the organization and connects the user. A `beforeAll` asks
// `worlds.forSpec(testInfo, options)` for the same world.
import path from "node:path";
import { test as base, type TestInfo } from "@playwright/test";
import type { TE2eWorld, TE2eWorldOptions } from "../lib/testing/e2e-world.ts";
import { readStackEnvFile } from "../lib/stack/stack-env-file.ts";
import { E2E_DATA_DIR } from "../playwright.config";

export type { TE2eWorld } from "../lib/testing/e2e-world.ts";

type TWorlds = {
  /** The spec file's world; `part` names a second one in the same spec (e.g. another organization). */
  forSpec: (testInfo: TestInfo, options?: TE2eWorldOptions, part?: string) => Promise<TE2eWorld>;
};

export const test = base.extend<{ world: TE2eWorld; worldOptions: TE2eWorldOptions }, { worlds: TWorlds }>({
  worldOptions: [{}, { option: true }],
  worlds: [
    async ({}, provide) => {
      // The seed factories reach the stack's database and chain through the variables it gave the app.
      Object.assign(process.env, readStackEnvFile(E2E_DATA_DIR));
      const { createE2eWorld, worldLabel } = await import("../lib/testing/e2e-world.ts");
      const made = new Map<string, Promise<TE2eWorld>>();
      await provide({
        forSpec: (testInfo, options = {}, part = "") => {
          const spec = path.basename(testInfo.file, ".spec.ts");
          const key = part ? `${spec}-${part}` : spec;
          if (!made.has(key)) made.set(key, createE2eWorld(worldLabel(key), options));
          return made.get(key)!;
        },
      });
    },
    { scope: "worker" },
  ],
  world: async ({ worlds, worldOptions }, provide, testInfo) => provide(await worlds.forSpec(testInfo, worldOptions)),
});

export { expect } from "@playwright/test";
