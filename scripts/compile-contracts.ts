// `node node_modules/tsx/dist/cli.mjs scripts/compile-contracts.ts [--force]`: compiles contracts/*.sol
// into contracts/build/ (lib/stack/compile-contracts.ts; postinstall and the stacks call it too).
import { compileContracts } from "../lib/stack/compile-contracts.ts";

export { compileContracts };

if (import.meta.url === `file://${process.argv[1]}`) {
  compileContracts({ force: process.argv.includes("--force") });
  console.log("contracts compiled into contracts/build/");
}
