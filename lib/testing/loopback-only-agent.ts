import http from "node:http";
import { isLoopbackAddress } from "@/lib/webhooks/address-guard";

/**
 * The tests' network layer for outgoing webhooks: an agent that refuses any connection to an address
 * other than loopback (so a broken address guard can never send traffic off this machine) and records
 * every connection it was asked for.
 */
export function loopbackOnlyAgent() {
  const attempts: string[] = [];
  const agent = new http.Agent();
  const create = agent.createConnection.bind(agent);
  agent.createConnection = ((options: http.ClientRequestArgs, cb: never) => {
    attempts.push(String(options.host));
    const inner = options.lookup as unknown as (h: string, o: object, cb: (...a: unknown[]) => void) => void;
    const guarded = (h: string, o: object, done: (...a: unknown[]) => void) =>
      inner(h, o, (err: unknown, address: unknown, family: unknown) => {
        const list = Array.isArray(address) ? (address as { address: string }[]).map((a) => a.address) : [address];
        if (!err && list.some((a) => !isLoopbackAddress(String(a))))
          return done(new Error(`test network: refused a connection to ${list.join(", ")}`));
        done(err, address, family);
      });
    return create({ ...options, lookup: guarded } as never, cb);
  }) as never;
  return { agent, attempts };
}
