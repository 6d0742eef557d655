// A small JSON Schema checker for tests: does a response body match what the served OpenAPI
// document says of that path, method and status? It reads the document as served (not the zod
// schemas it came from), so a route answering off its own document fails. It covers what the
// document uses: $ref, type (also a list), properties, required, additionalProperties, items,
// enum, const, anyOf/oneOf/allOf, pattern, minLength/maxLength, minimum/maximum.
type TSchema = Record<string, unknown>;
type TDoc = {
  paths: Record<string, Record<string, { responses: Record<string, TSchema> }>>;
  components?: { schemas?: Record<string, TSchema> };
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

export function schemaProblems(doc: TDoc, schema: TSchema, value: unknown, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = doc.components?.schemas?.[name];
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return schemaProblems(doc, target, value, path);
  }
  const out: string[] = [];
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const ok = types.some((x) => x === t || (x === "number" && t === "integer"));
    if (!ok) return [`${path}: expected ${types.join("|")}, got ${t}`];
  }
  if (schema.nullable === true && value === null) return [];
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ("const" in schema && schema.const !== value) out.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      out.push(`${path}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength) out.push(`${path}: too short`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) out.push(`${path}: too long`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) out.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) out.push(`${path}: above maximum`);
  }
  if (t === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, TSchema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...schemaProblems(doc, props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not in the schema`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        out.push(...schemaProblems(doc, schema.additionalProperties as TSchema, v, `${path}.${k}`));
    }
  }
  if (t === "array" && schema.items)
    (value as unknown[]).forEach((v, i) =>
      out.push(...schemaProblems(doc, schema.items as TSchema, v, `${path}[${i}]`)),
    );
  if (Array.isArray(schema.allOf))
    for (const s of schema.allOf as TSchema[]) out.push(...schemaProblems(doc, s, value, path));
  for (const key of ["anyOf", "oneOf"] as const) {
    const list = schema[key] as TSchema[] | undefined;
    if (list) {
      const matches = list.filter((s) => schemaProblems(doc, s, value, path).length === 0).length;
      if (matches === 0 || (key === "oneOf" && matches > 1)) out.push(`${path}: matches ${matches} of ${key}`);
    }
  }
  return out;
}

/** Problems of a JSON answer against the document's response for (path template, method, status); [] when it fits. */
export function responseProblems(
  doc: unknown,
  opts: { path: string; method: string; status: number; body: unknown },
): string[] {
  const d = doc as TDoc;
  const op = d.paths[opts.path]?.[opts.method.toLowerCase()];
  if (!op) return [`the document has no ${opts.method} ${opts.path}`];
  const response = op.responses[String(opts.status)] as { content?: Record<string, { schema: TSchema }> } | undefined;
  if (!response) return [`the document has no ${opts.status} answer for ${opts.method} ${opts.path}`];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return [`the ${opts.status} answer of ${opts.method} ${opts.path} is not JSON`];
  return schemaProblems(d, schema, opts.body);
}
