import { isIPv4, isIPv6 } from "node:net";

// The key a per-IP rate limit counts a client under. One IPv4 address is one client; an IPv6
// client usually holds a whole /64 (SLAAC, privacy addresses, a /64 per customer), so every address
// of one /64 shares one budget. IPv4 reached over IPv6 (`::ffff:a.b.c.d`, what a dual-stack socket
// reports for IPv4 peers) is the IPv4 address.

/** `2001:db8::1%eth0` → its 8 hextets as numbers, or null when it is not an IPv6 address. */
function ipv6Hextets(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.toLowerCase();
  // A dotted IPv4 tail (`::ffff:192.0.2.1`) is the last two hextets.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  const hextets = [...left, ...middle, ...right].map((h) => parseInt(h, 16));
  return hextets.length === 8 && hextets.every((h) => h >= 0 && h <= 0xffff) ? hextets : null;
}

/** Strips what may surround an address in a forwarded header: `[…]`, a port, an IPv6 zone id. */
function bareAddress(raw: string): string {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const zone = s.indexOf("%");
  return zone >= 0 ? s.slice(0, zone) : s;
}

/**
 * The rate-limit key for a client address: the IPv4 address itself, or the IPv6 address's /64
 * written canonically (`2001:db8:1:2::/64`); anything that is not an address is kept as it came
 * (lower case, at most 64 characters), so it is still counted.
 */
export function rateLimitKeyForIp(raw: string): string {
  const address = bareAddress(raw);
  if (isIPv4(address)) return address;
  const hextets = ipv6Hextets(address);
  if (!hextets) return raw.trim().toLowerCase().slice(0, 64) || "unknown";
  const isV4Mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  if (isV4Mapped) return [hextets[6]! >> 8, hextets[6]! & 0xff, hextets[7]! >> 8, hextets[7]! & 0xff].join(".");
  return `${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(":")}::/64`;
}
