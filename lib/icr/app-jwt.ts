import { importPKCS8, SignJWT } from "jose";
import { createPrivateKey } from "node:crypto";
import { config } from "@/lib/config";

/** The RS256 app JWT ICR expects: iss = app id, iat 60 s in the past (clock drift), exp 9 minutes ahead. */
export async function signAppJwt(opts: { appId?: string; privateKeyPem?: string; now?: number } = {}): Promise<string> {
  const cfg = opts.appId && opts.privateKeyPem ? undefined : config();
  const appId = opts.appId ?? cfg!.ICR_APP_ID;
  const pem = opts.privateKeyPem ?? cfg!.ICR_APP_PRIVATE_KEY;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  // jose wants PKCS#8; accept PKCS#1 ("BEGIN RSA PRIVATE KEY") too.
  const pkcs8 = pem.includes("BEGIN PRIVATE KEY")
    ? pem
    : createPrivateKey(pem).export({ type: "pkcs8", format: "pem" }).toString();
  const key = await importPKCS8(pkcs8, "RS256");
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(appId)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 540)
    .sign(key);
}
