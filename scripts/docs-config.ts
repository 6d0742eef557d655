// npm run docs:config: rewrites the variable table of docs/operations.md from ZConfig (lib/config.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { operationsDoc, withConfigTable } from "./lib/config-table.ts";

const before = readFileSync(operationsDoc, "utf8");
const after = withConfigTable(before);
writeFileSync(operationsDoc, after);
console.log(
  after === before ? "docs/operations.md: the table already matches ZConfig" : "docs/operations.md: table rewritten",
);
