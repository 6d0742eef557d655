import { decodeJwt, importSPKI, jwtVerify } from "jose";
import { prisma } from "@/lib/db";
import { unauthorized } from "@/lib/registry/api/errors";

const MAX_LIFETIME_S = 600;
const CLOCK_SKEW_S = 60;
const ZUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies an app JWT as GitHub Apps do: RS256 signed by the app's private key, `iss` = app id,
 * `iat` not in the future (60 s skew), `exp` present, at most 10 minutes after `iat`, not passed.
 * Returns the app; any failure is a 401 that says what was wrong.
 */
export async function verifyAppJwt(jwt: string | undefined, now: Date = new Date()) {
  if (!jwt) throw unauthorized("Missing app JWT: send Authorization: Bearer <JWT signed with your app's private key>");
  let iss: unknown;
  try {
    iss = decodeJwt(jwt).iss;
  } catch {
    throw unauthorized("The app JWT is malformed");
  }
  if (typeof iss !== "string" || !ZUuid.test(iss)) throw unauthorized("The app JWT must have the app id as iss");
  const app = await prisma.icrApp.findUnique({ where: { id: iss } });
  if (!app) throw unauthorized("The app JWT names an unknown app");

  const nowS = Math.floor(now.getTime() / 1000);
  let payload;
  try {
    const key = await importSPKI(app.publicKeyPem, "RS256");
    ({ payload } = await jwtVerify(jwt, key, {
      algorithms: ["RS256"],
      issuer: app.id,
      requiredClaims: ["iat", "exp"],
      currentDate: now,
    }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_JWT_EXPIRED") throw unauthorized("The app JWT has expired");
    throw unauthorized("The app JWT's signature or claims are invalid");
  }
  const { iat, exp } = payload as { iat: number; exp: number };
  if (iat > nowS + CLOCK_SKEW_S) throw unauthorized("The app JWT's iat is in the future");
  if (exp - iat > MAX_LIFETIME_S) throw unauthorized("The app JWT's exp must be at most 10 minutes after iat");
  return app;
}
