import { z } from "zod";
import { ENDPOINTS } from "@/lib/registry/api/endpoints";
import { ICR_API_VERSION } from "@/lib/registry/api/icr-route";

export const metadata = { title: "ICR API reference (sandbox)" };

function fields(schema: z.ZodObject | undefined): { name: string; description: string }[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { description?: string; type?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name: `${name}${json.required?.includes(name) ? "" : " (optional)"}`,
    description: [p.type, p.description].filter(Boolean).join(" — "),
  }));
}

// /icr/docs: a readable list of the API's endpoints, generated from the same schemas as the OpenAPI document.
export default function ApiDocsPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6 p-2 [overflow-wrap:anywhere] sm:p-6">
      <h1 className="text-2xl font-semibold">ICR API reference (sandbox)</h1>
      <p>
        Base URL <code>/icr/api</code>. Send <code>Authorization: Bearer crs_…</code> and optionally{" "}
        <code>x-icr-api-version: {ICR_API_VERSION}</code>. Errors are JSON{" "}
        <code>{"{ statusCode, error, message, issues? }"}</code>. Machine-readable:{" "}
        <a className="underline" href="/icr/api/openapi.json">
          openapi.json
        </a>
        .
      </p>
      {ENDPOINTS.map((e) => {
        const body = e.body instanceof z.ZodObject ? fields(e.body) : [];
        const rows = [
          ...fields(e.params).map((f) => ({ ...f, where: "path" })),
          ...fields(e.query).map((f) => ({ ...f, where: "query" })),
          ...body.map((f) => ({ ...f, where: "body" })),
        ];
        return (
          <section key={`${e.method} ${e.path}`} className="rounded border p-4">
            <h2 className="font-mono text-lg">
              <span className="mr-2 uppercase">{e.method}</span>
              {e.path}
            </h2>
            <p className="mt-1">{e.summary}</p>
            <p className="mt-1 text-sm">
              Permission: <code>{e.auth}</code>
            </p>
            {rows.length > 0 && (
              <table className="mt-2 w-full text-left text-sm">
                <thead>
                  <tr>
                    <th>Parameter</th>
                    <th>In</th>
                    <th>Type / description</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.where}-${r.name}`}>
                      <td className="font-mono">{r.name}</td>
                      <td>{r.where}</td>
                      <td>{r.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
