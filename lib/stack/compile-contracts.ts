// Compiles contracts/*.sol with solc from npm (no downloaded compiler) into contracts/build/<Name>.json.
// Skips work when the sources and compiler version are unchanged.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const contractsDir = path.join(root, "contracts");
const buildDir = path.join(contractsDir, "build");

export function compileContracts({ force = false } = {}): void {
  const solc = require("solc") as { version(): string; compile(input: string, opts: unknown): string };
  const files = readdirSync(contractsDir)
    .filter((f) => f.endsWith(".sol"))
    .sort();
  const sources = Object.fromEntries(
    files.map((f) => [f, { content: readFileSync(path.join(contractsDir, f), "utf8") }]),
  );
  const hash = createHash("sha256").update(solc.version()).update(JSON.stringify(sources)).digest("hex");
  const stamp = path.join(buildDir, ".hash");
  if (!force && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;

  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const findImports = (p: string) => {
    try {
      return { contents: readFileSync(require.resolve(p), "utf8") };
    } catch {
      return { error: `not found: ${p}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error(`Solidity compile failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);

  mkdirSync(buildDir, { recursive: true });
  for (const file of files) {
    for (const [name, c] of Object.entries(output.contracts[file] ?? {})) {
      writeFileSync(
        path.join(buildDir, `${name}.json`),
        JSON.stringify({ contractName: name, abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }, null, 2),
      );
    }
  }
  writeFileSync(stamp, hash);
}
