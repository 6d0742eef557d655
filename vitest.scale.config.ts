import path from "node:path";
import { defineConfig } from "vitest/config";

// The scale test (scripts/scale): external PostgreSQL and chain, two web instances and two workers
// of the production build. Its own step of `npm test`, after the e2e step has built the app.
const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    name: "scale",
    environment: "node",
    include: ["scripts/scale/**/*.scale.test.ts"],
    pool: "forks",
    testTimeout: 900_000,
    hookTimeout: 420_000,
  },
});
