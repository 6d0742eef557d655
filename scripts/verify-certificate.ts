// Verifies an ICR retirement certificate offline:
//   npm run verify-certificate -- certificate.pdf --jwks jwks.json
// jwks.json is the registry's published key set (GET <registry>/.well-known/jwks.json), saved once.
// Prints the key that signed it and the signed record; exits 1 naming why when it does not verify,
// 2 on wrong usage. The checks are the registry's own (lib/proof/certificate-file.ts).
import { readFileSync } from "node:fs";
import { ZJwks } from "../lib/proof/signed-record.ts";
import { verifyCertificateFile } from "../lib/proof/certificate-file.ts";

function usage(message: string): never {
  console.error(`${message}\nusage: npm run verify-certificate -- <certificate.pdf> --jwks <jwks.json>`);
  process.exit(2);
}

const args = process.argv.slice(2);
const at = args.indexOf("--jwks");
const jwksFile = at >= 0 ? args[at + 1] : undefined;
const files = args.filter((_, i) => i !== at && i !== at + 1);
if (!jwksFile) usage("--jwks <file> is missing: the registry's keys (save <registry>/.well-known/jwks.json)");
if (files.length !== 1) usage("give exactly one certificate file");

let pdf: Buffer;
let jwks: ReturnType<typeof ZJwks.parse>;
try {
  pdf = readFileSync(files[0]!);
} catch (err) {
  usage(`cannot read ${files[0]}: ${(err as Error).message}`);
}
try {
  jwks = ZJwks.parse(JSON.parse(readFileSync(jwksFile, "utf8")));
} catch (err) {
  usage(`${jwksFile} is not a JWKS ({"keys": [...]}): ${(err as Error).message.split("\n")[0]}`);
}

const verdict = await verifyCertificateFile(pdf, jwks);
if (verdict.valid) {
  console.log(`VALID: signed by key ${verdict.kid}`);
  console.log(`signature SHA-256 ${verdict.digest}`);
  console.log(JSON.stringify(verdict.record, null, 2));
  process.exit(0);
}
console.error(`INVALID: ${verdict.reason}${verdict.kid ? ` (key ${verdict.kid})` : ""}`);
process.exit(1);
