import { publishedJwks } from "@/lib/registry/signing/signing-key";
import { withRequestContext } from "@/lib/log/request-context";

// GET /icr/certificates/jwks.json (also at /icr/.well-known/jwks.json, a rewrite in next.config.ts:
// the App Router does not route folders whose name starts with a dot): every key the registry has signed certificates with (public
// halves), read from the database on every request so a key is published the moment it is first
// used. Keys are only ever added, so caches may keep it a few minutes (a verifier that meets a kid it
// lacks reads it again).
async function get() {
  return Response.json(await publishedJwks(), {
    headers: { "cache-control": "public, max-age=300", "content-type": "application/jwk-set+json" },
  });
}

export const GET = withRequestContext(get);
export const dynamic = "force-dynamic";
