// Proves the hand-written migrations build exactly the database schema.prisma describes:
// every model, column, type, nullability, default, enum, primary key, unique, index and foreign key.
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type TModel = { name: string; dbName: string | null; fields: TField[] };
type TIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };
type TDmmf = {
  datamodel: { models: TModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: TIndex[] };
};

const dmmf = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: readFileSync(path.join(import.meta.dirname, "schema.prisma"), "utf8") })),
) as TDmmf;
const models = dmmf.datamodel.models;
const tableOf = (m: TModel) => m.dbName ?? m.name;
/** Identifiers as PostgreSQL prints them: quoted only when not plain lower case. */
const ident = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s}"`);
const columnOf = (m: TModel, field: string) => {
  const f = m.fields.find((x) => x.name === field)!;
  return f.dbName ?? f.name;
};

/** The PostgreSQL type Prisma creates for a scalar field, as format_type() prints it. */
function expectedType(f: TField): string {
  const [native, args] = f.nativeType ?? [undefined, []];
  let t: string;
  if (f.kind === "enum") t = `"${f.type}"`;
  else if (native === "Uuid") t = "uuid";
  else if (native === "Date") t = "date";
  else if (native === "VarChar") t = `character varying(${args[0]})`;
  else if (f.type === "Decimal") t = native === "Decimal" ? `numeric(${args[0]},${args[1]})` : "numeric(65,30)";
  else
    t = (
      {
        String: "text",
        Int: "integer",
        BigInt: "bigint",
        Boolean: "boolean",
        DateTime: "timestamp(3) without time zone",
        Float: "double precision",
        Json: "jsonb",
        Bytes: "bytea",
      } as Record<string, string>
    )[f.type]!;
  return f.isList ? `${t}[]` : t;
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

describe("migrated database matches schema.prisma (no drift)", () => {
  it("has exactly the schema's tables", async () => {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map(tableOf).sort());
  });

  it("has every enum with exactly its values, in order", async () => {
    for (const e of dmmf.datamodel.enums) {
      const { rows } = await client.query(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [e.name],
      );
      expect(
        rows.map((r) => r.enumlabel),
        e.name,
      ).toEqual(e.values.map((v) => v.name));
    }
  });

  for (const m of models) {
    it(`${m.name}: columns, types, nullability and defaults`, async () => {
      const { rows } = await client.query(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        [`"${tableOf(m)}"`],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.name, r]));
      const scalars = m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
      expect(Object.keys(actual).sort()).toEqual(scalars.map((f) => f.dbName ?? f.name).sort());
      for (const f of scalars) {
        const col = actual[f.dbName ?? f.name];
        expect(col.type, `${m.name}.${f.name} type`).toBe(expectedType(f));
        expect(col.notnull, `${m.name}.${f.name} NOT NULL`).toBe(
          f.isRequired || f.isList ? f.isRequired && !f.isList : false,
        );
        // Only database-side defaults: uuid() and @updatedAt are filled by the client.
        const dflt = f.default as { name?: string } | string | boolean | number | undefined;
        const isDbDefault =
          f.hasDefaultValue && !(typeof dflt === "object" && dflt?.name && ["uuid", "cuid"].includes(dflt.name));
        expect(col.dflt !== null, `${m.name}.${f.name} has a database default`).toBe(isDbDefault);
        if (typeof dflt === "object" && dflt?.name === "now") expect(col.dflt).toBe("CURRENT_TIMESTAMP");
        if (typeof dflt === "boolean" || typeof dflt === "number") expect(col.dflt).toBe(String(dflt));
        if (typeof dflt === "string") expect(col.dflt).toBe(`'${dflt}'::"${f.type}"`);
      }
    });

    it(`${m.name}: primary key, uniques and indexes`, async () => {
      const { rows } = await client.query(
        `SELECT ix.indisprimary AS pk, ix.indisunique AS uniq,
                array_agg(a.attname::text ORDER BY k.ord) AS cols
           FROM pg_index ix
           CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
          WHERE ix.indrelid = $1::regclass
          GROUP BY ix.indexrelid, ix.indisprimary, ix.indisunique`,
        [`"${tableOf(m)}"`],
      );
      const actual = rows
        .map((r) => `${r.pk ? "id" : r.uniq ? "unique" : "normal"}(${(r.cols as string[]).join(",")})`)
        .sort();
      const expected = dmmf.datamodel.indexes
        .filter((i) => i.model === m.name)
        .map((i) => `${i.type}(${i.fields.map((f) => columnOf(m, f.name)).join(",")})`)
        .sort();
      expect(actual).toEqual(expected);
    });

    it(`${m.name}: foreign keys`, async () => {
      const { rows } = await client.query(
        `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'`,
        [`"${tableOf(m)}"`],
      );
      const actual = rows.map((r) => r.def as string).sort();
      const expected = m.fields
        .filter((f) => f.kind === "object" && f.relationFromFields?.length)
        .map((f) => {
          const target = models.find((x) => x.name === f.type)!;
          const from = f.relationFromFields!.map((x) => ident(columnOf(m, x))).join(", ");
          const to = f.relationToFields!.map((x) => ident(columnOf(target, x))).join(", ");
          const onDelete =
            {
              Cascade: " ON UPDATE CASCADE ON DELETE CASCADE",
              SetNull: " ON UPDATE CASCADE ON DELETE SET NULL",
              Restrict: " ON UPDATE CASCADE ON DELETE RESTRICT",
            }[f.relationOnDelete ?? "Restrict"] ?? "";
          return `FOREIGN KEY (${from}) REFERENCES ${ident(tableOf(target))}(${to})${onDelete}`;
        })
        .sort();
      expect(actual).toEqual(expected);
    });
  }
});
