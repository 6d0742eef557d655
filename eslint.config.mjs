import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import importX from "eslint-plugin-import-x";

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**", "lib/seed/**/*.test.ts"];

const config = [
  ...next,
  ...nextTs,
  // Configuration is read one way: through lib/config.ts (config() or configValue()). Only the
  // framework's own NODE_ENV and NEXT_RUNTIME are read directly. Tests and scripts fill the environment.
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: [...TESTS, "lib/config.ts", "lib/generated/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.object.name='process'][object.property.name='env'][property.name!=/^(NODE_ENV|NEXT_RUNTIME)$/]",
          message: "Read configuration through lib/config.ts (config() or configValue()), not process.env.",
        },
        {
          selector: ":not(MemberExpression) > MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/config.ts (config() or configValue()), not process.env.",
        },
      ],
    },
  },
  // app/ and components/ read and write through lib/ functions, never Prisma itself; client code
  // calls an action one way: callAction and the result readers of lib/actions/action-result.ts.
  {
    files: ["app/**", "components/**"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "app/ reads the database through a lib/ function (docs/code-style.md)." },
            {
              name: "next-safe-action/hooks",
              message: "Call an action with callAction (lib/actions/action-result.ts).",
            },
            {
              name: "react",
              importNames: ["useActionState"],
              message: "Call an action with callAction (lib/actions/action-result.ts).",
            },
          ],
        },
      ],
    },
  },
  // Walls: dependencies point down (app → components → lib; scripts, tests and e2e → lib), and the
  // two sides never import each other. Tests follow the same walls: a test that drives both sides
  // (or an app route and the other side) lives in tests/, a route's test beside its route in app/.
  {
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/carbonmark",
              from: ["./lib/registry", "./app/icr"],
              message: "Carbonmark never imports the registry.",
            },
            {
              target: "./lib/registry",
              from: ["./lib/carbonmark", "./app/(carbonmark)", "./app/api/carbonmark", "./app/api/webhooks"],
              message: "The registry never imports Carbonmark.",
            },
            {
              target: "./app/icr",
              from: ["./lib/carbonmark", "./app/(carbonmark)", "./app/api/carbonmark"],
              message: "The registry's pages never import Carbonmark.",
            },
            {
              target: ["./app/(carbonmark)", "./app/api/carbonmark", "./app/api/webhooks"],
              from: ["./lib/registry", "./app/icr"],
              message: "Carbonmark's pages never import the registry.",
            },
            {
              target: "./lib",
              from: ["./app", "./components", "./scripts", "./tests", "./e2e"],
              message: "lib/ is the bottom layer: it imports only lib/.",
            },
            {
              target: "./components",
              from: ["./app", "./scripts", "./tests", "./e2e"],
              message:
                "components/ imports only components/ and lib/ (pass an action as a prop, or keep the component beside its action in app/).",
            },
            {
              target: "./app",
              from: ["./scripts", "./tests", "./e2e"],
              message: "app/ imports only app/, components/ and lib/.",
            },
            {
              target: "./scripts",
              from: ["./app", "./components", "./tests", "./e2e"],
              message: "scripts/ imports only scripts/ and lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "contracts/build/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
