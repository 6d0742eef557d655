// The variable table of docs/operations.md, made from ZConfig: each variable's doc comment in
// lib/config.ts is its meaning; whether it is required and its default come from the schema itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ZConfig } from "../../lib/config.ts";

export const TABLE_BEGIN = "<!-- config-table:begin (npm run docs:config writes this table from lib/config.ts) -->";
export const TABLE_END = "<!-- config-table:end -->";

const root = path.resolve(import.meta.dirname, "../..");

/** Each ZConfig key's doc comment, read from lib/config.ts's source. */
export function configDocComments(
  source = readFileSync(path.join(root, "lib/config.ts"), "utf8"),
): Map<string, string> {
  const file = ts.createSourceFile("config.ts", source, ts.ScriptTarget.Latest, true);
  const comments = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === "ZConfig") {
      const call = node.initializer;
      const shape = call && ts.isCallExpression(call) ? call.arguments[0] : undefined;
      if (shape && ts.isObjectLiteralExpression(shape)) {
        for (const prop of shape.properties) {
          const name = prop.name?.getText(file);
          const jsDoc = (prop as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc;
          const text = jsDoc?.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join(" ");
          if (name) comments.set(name, (text ?? "").replace(/\s+/g, " ").trim());
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return comments;
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The markdown table: variable, required, default, meaning (a variable without a doc comment is an error). */
export function configTable(): string {
  const comments = configDocComments();
  const rows = Object.entries(ZConfig.shape).map(([name, schema]) => {
    const meaning = comments.get(name);
    if (!meaning)
      throw new Error(`lib/config.ts: ${name} has no doc comment (it is the variable's meaning in docs/operations.md)`);
    const unset = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
    const required = unset.success ? "no" : "yes";
    const fallback = unset.success && unset.data !== undefined ? `\`${String(unset.data)}\`` : "—";
    return `| \`${name}\` | ${required} | ${cell(fallback)} | ${cell(meaning)} |`;
  });
  return ["| variable | required | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** `doc` with the text between the markers replaced by the table. */
export function withConfigTable(doc: string): string {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`docs/operations.md lacks the markers ${TABLE_BEGIN} … ${TABLE_END}`);
  return `${doc.slice(0, begin + TABLE_BEGIN.length)}\n\n${configTable()}\n\n${doc.slice(end)}`;
}

export const operationsDoc = path.join(root, "docs/operations.md");
