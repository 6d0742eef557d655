import { getAddress } from "ethers";
import { createReadCache } from "@/lib/cache/read-cache";
import { listIcrProjects } from "@/lib/icr/projects";
import { CmUserError } from "@/lib/carbonmark/errors";
import { parseCreditId } from "@/lib/carbonmark/portfolio/credit-id";

export type TListedContract = { address: string; projectName: string };

// ICR adds projects rarely: the list is kept 10 minutes, and an address not in it triggers an
// early reload (at most one a second per process: a miss waits for the next allowed reload, shared
// by every miss meanwhile), so a new project is accepted within a second while a stranger's
// contract cannot make Carbonmark hammer ICR.
const TTL_MS = 10 * 60_000;
const MISS_RELOAD_MS = 1_000;
const cache = createReadCache<Map<string, TListedContract>>({ ttlMs: TTL_MS, maxKeys: 1 });
let loadedAt = 0;
let missReload: Promise<Map<string, TListedContract>> | undefined;

async function load(): Promise<Map<string, TListedContract>> {
  const { projects } = await listIcrProjects();
  loadedAt = Date.now();
  const map = new Map<string, TListedContract>();
  for (const p of projects)
    if (p.projectAddress)
      map.set(p.projectAddress.toLowerCase(), {
        address: getAddress(p.projectAddress.toLowerCase()),
        projectName: p.fullName,
      });
  return map;
}

/** The credit contracts ICR lists (lower-case address → project), from GET /projects, cached (at most `maxAgeMs` old). */
export async function listedCreditContracts(
  opts: { fresh?: boolean; maxAgeMs?: number } = {},
): Promise<Map<string, TListedContract>> {
  if (opts.fresh || (opts.maxAgeMs !== undefined && Date.now() - loadedAt > opts.maxAgeMs)) cache.forget();
  return cache.read("projects", load);
}

/** The listed contract at `address`, or undefined; an unknown address reloads the list (rate-limited). */
export async function findListedContract(address: string): Promise<TListedContract | undefined> {
  const key = address.toLowerCase();
  const listed = await listedCreditContracts();
  if (listed.has(key)) return listed.get(key);
  missReload ??= (async () => {
    const wait = loadedAt + MISS_RELOAD_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return listedCreditContracts({ fresh: true });
  })().finally(() => (missReload = undefined));
  return (await missReload).get(key);
}

/**
 * The parsed credit id when it names a token of a contract ICR lists as its credits; otherwise a
 * clear refusal. Nothing is sent (and no gas paid) for any other contract.
 */
export async function requireListedCredit(
  creditId: string,
): Promise<{ type: string; tokenId: string; tokenAddress: string }> {
  const credit = parseCreditId(creditId);
  if (!credit) throw new CmUserError("This is not an ICR credit.", "invalid_input");
  let listed: TListedContract | undefined;
  try {
    listed = await findListedContract(credit.tokenAddress);
  } catch {
    throw new CmUserError(
      "ICR cannot be reached to confirm that this is an ICR credit. Nothing was sent; please try again in a moment.",
      "icr_unavailable",
    );
  }
  if (!listed)
    throw new CmUserError(
      "This token is not an ICR credit: its contract is not one ICR lists. Nothing was sent.",
      "invalid_input",
    );
  return credit;
}
