// Webhook URLs are chosen by users, so a delivery must never reach the server's own network: a URL
// is refused when its host resolves to a private, loopback, link-local or otherwise non-public
// address (checked at every delivery, and the connection then goes to the address that was checked:
// a DNS answer that changes between check and connect cannot redirect it). Neutral.
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export type TResolved = { address: string; family: 4 | 6 };
/** Resolves a host name to its addresses (a stub in tests). */
export type TResolver = (hostname: string) => Promise<TResolved[]>;

export const systemResolver: TResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Link-local networks (cloud metadata services live in 169.254/16): refused even for operator-set URLs. */
const LINK_LOCAL_NETS = [
  ["169.254.0.0", 16, "ipv4"],
  ["fe80::", 10, "ipv6"],
] as const;
const LINK_LOCAL = new BlockList();
for (const [net, prefix, type] of LINK_LOCAL_NETS) LINK_LOCAL.addSubnet(net, prefix, type);

const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64 (may reach private IPv4)
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local (private)
  ["ff00::", 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv6");
for (const [net, prefix, type] of LINK_LOCAL_NETS) NOT_PUBLIC.addSubnet(net, prefix, type);

/** An IPv4 address carried in an IPv4-mapped or -compatible IPv6 address (::ffff:10.0.0.1), else undefined. */
function embeddedIpv4(address: string): string | undefined {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const a = parseInt(hex[1]!, 16);
    const b = parseInt(hex[2]!, 16);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return undefined;
}

export function isLinkLocalAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4) return LINK_LOCAL.check(v4, "ipv4");
  const family = isIP(address);
  return family !== 0 && LINK_LOCAL.check(address, family === 6 ? "ipv6" : "ipv4");
}

export function isLoopbackAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4) return LOOPBACK.check(v4, "ipv4");
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** True for an address on the public internet; false for private, loopback, link-local and reserved ones. */
export function isPublicAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4) return !NOT_PUBLIC.check(v4, "ipv4");
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 6 ? "ipv6" : "ipv4");
}

export class UnsafeWebhookUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeWebhookUrlError";
  }
}

export type TGuardOptions = {
  resolver?: TResolver;
  /** Tests only: allow loopback addresses (and plain http to them). */
  allowLoopback?: boolean;
  /**
   * For a URL the operator configured, never one a user chose: any address but link-local (loopback,
   * a private load balancer; never a cloud metadata service) and plain http. The resolution is still pinned for the connection. The ICR sandbox's
   * app webhook URLs are of this kind (set when the app is registered, from the stack's config).
   */
  operatorConfigured?: boolean;
};

/** The URL, parsed, when its form is acceptable: https (http only to loopback under allowLoopback), no credentials. */
export function parseWebhookUrl(
  raw: string,
  opts: Pick<TGuardOptions, "allowLoopback" | "operatorConfigured"> = {},
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError("Enter a full URL starting with https://");
  }
  if (url.protocol !== "https:" && !((opts.allowLoopback || opts.operatorConfigured) && url.protocol === "http:"))
    throw new UnsafeWebhookUrlError("Webhook URLs must start with https://");
  if (url.username || url.password)
    throw new UnsafeWebhookUrlError("Webhook URLs must not carry a user name or password");
  return url;
}

/**
 * Resolves the URL's host and returns its addresses, all checked, to connect to; throws
 * UnsafeWebhookUrlError when any of them is not public (a name with one private answer could be
 * made to use it). Loopback passes only with `allowLoopback`; plain http only to loopback. With
 * `operatorConfigured` every address but a link-local one passes (the name must still resolve).
 */
export async function resolveCheckedAddresses(url: URL, opts: TGuardOptions = {}): Promise<TResolved[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const family = isIP(host);
  const addresses: TResolved[] = family
    ? [{ address: host, family: family === 6 ? 6 : 4 }]
    : await (opts.resolver ?? systemResolver)(host).catch((err: unknown) => {
        throw new UnsafeWebhookUrlError(`${host} does not resolve (${(err as { code?: string }).code ?? "DNS error"})`);
      });
  if (addresses.length === 0) throw new UnsafeWebhookUrlError(`${host} does not resolve`);
  if (opts.operatorConfigured) {
    const linkLocal = addresses.find((a) => isLinkLocalAddress(a.address));
    if (linkLocal)
      throw new UnsafeWebhookUrlError(
        `${host} resolves to ${linkLocal.address}, a link-local address; webhooks never go there`,
      );
    return addresses;
  }
  for (const a of addresses) {
    const allowed = isPublicAddress(a.address) || (opts.allowLoopback === true && isLoopbackAddress(a.address));
    if (!allowed)
      throw new UnsafeWebhookUrlError(
        `${host} resolves to ${a.address}, a private, loopback or link-local address; webhooks go only to public addresses`,
      );
  }
  if (url.protocol === "http:" && !addresses.every((a) => isLoopbackAddress(a.address)))
    throw new UnsafeWebhookUrlError("Webhook URLs must start with https://");
  return addresses;
}

/** The first of the URL's checked addresses (resolveCheckedAddresses). */
export async function resolvePublicAddress(url: URL, opts: TGuardOptions = {}): Promise<TResolved> {
  return (await resolveCheckedAddresses(url, opts))[0]!;
}
