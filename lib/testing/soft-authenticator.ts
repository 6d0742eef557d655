// A software WebAuthn authenticator for tests: real P-256 keys, real signatures, built by hand
// (authenticatorData, clientDataJSON, COSE key, CBOR attestation object with fmt "none"), so the
// server's verification (@simplewebauthn/server) runs unmocked against what a browser would send.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";

type TCreationOptions = {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string };
  excludeCredentials?: { id: string }[];
};
type TRequestOptions = { challenge: string; rpId?: string; allowCredentials?: { id: string }[] };

type TCredential = { id: Buffer; privateKey: KeyObject; publicKey: KeyObject; rpId: string; userHandle: string };

const b64url = (b: Buffer | Uint8Array) => Buffer.from(b).toString("base64url");
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();

// ─── the little CBOR that WebAuthn needs: unsigned/negative ints, byte and text strings, maps ───
function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}
type TCbor = number | string | Buffer | Map<TCbor, TCbor>;
export function cbor(v: TCbor): Buffer {
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v, "utf8")]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  const parts = [head(5, v.size)];
  for (const [k, val] of v) parts.push(cbor(k), cbor(val));
  return Buffer.concat(parts);
}

/** An ES256 public key as COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y. */
function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: "jwk" });
  return cbor(
    new Map<TCbor, TCbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]),
  );
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

function authData(opts: { rpId: string; flags: number; counter: number; attested?: Buffer }): Buffer {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(opts.counter);
  return Buffer.concat([sha256(opts.rpId), Buffer.from([opts.flags]), counter, opts.attested ?? Buffer.alloc(0)]);
}

export class SoftAuthenticator {
  readonly credentials: TCredential[] = [];
  /** Signature counter, shared by this authenticator's credentials (0 = keeps none, as many passkeys). */
  counter: number;

  constructor(
    readonly origin: string,
    opts: { counter?: number } = {},
  ) {
    this.counter = opts.counter ?? 0;
  }

  /** navigator.credentials.create: a new discoverable P-256 credential; attestation "none". */
  register(options: TCreationOptions, opts: { userVerified?: boolean; origin?: string } = {}) {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    if (this.credentials.some((c) => options.excludeCredentials?.some((e) => e.id === b64url(c.id))))
      throw new Error("InvalidStateError: this authenticator already holds an excluded credential");
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = randomBytes(32);
    this.credentials.push({ id, privateKey, publicKey, rpId, userHandle: options.user.id });
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, id, coseKey(publicKey)]); // AAGUID all zero
    const flags = FLAG_UP | FLAG_AT | (opts.userVerified === false ? 0 : FLAG_UV);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin: opts.origin ?? this.origin,
      crossOrigin: false,
    });
    const attestationObject = cbor(
      new Map<TCbor, TCbor>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData({ rpId, flags, counter: this.counter, attested })],
      ]),
    );
    return {
      id: b64url(id),
      rawId: b64url(id),
      response: {
        clientDataJSON: b64url(Buffer.from(clientDataJSON)),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      type: "public-key" as const,
    };
  }

  /**
   * navigator.credentials.get: signs authenticatorData ‖ SHA-256(clientDataJSON) with the chosen
   * credential (the first allowed one it holds, or its first one for a discoverable request).
   */
  authenticate(
    options: TRequestOptions,
    opts: { credentialId?: string; userVerified?: boolean; origin?: string; counter?: number } = {},
  ) {
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const credential = this.credentials.find((c) =>
      opts.credentialId ? b64url(c.id) === opts.credentialId : allowed.length === 0 || allowed.includes(b64url(c.id)),
    );
    if (!credential) throw new Error("NotAllowedError: no credential of this authenticator is allowed");
    if (opts.counter !== undefined) this.counter = opts.counter;
    else if (this.counter > 0) this.counter += 1;
    const data = authData({
      rpId: options.rpId ?? credential.rpId,
      flags: FLAG_UP | (opts.userVerified === false ? 0 : FLAG_UV),
      counter: this.counter,
    });
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: options.challenge,
        origin: opts.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign("sha256", Buffer.concat([data, sha256(clientDataJSON)]), credential.privateKey); // DER
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(data),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      type: "public-key" as const,
    };
  }
}
