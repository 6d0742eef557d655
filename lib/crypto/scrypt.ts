import { scrypt as scryptCallback, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";

// scrypt on libuv's thread pool (Node's `crypto.scrypt`), never on the event loop: other requests
// keep being answered while keys are derived (ethers' pure-JS scrypt blocked the loop for seconds).
// At most cores − 1 (and at most 3 of the pool's 4 threads) derive at once: one core stays for the
// event loop and one pool thread for file and DNS work; more at once would not finish sooner.
const MAX_AT_ONCE = Math.max(1, Math.min(availableParallelism() - 1, 3));
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes on as it is
    else running--;
  }
}

export function scryptAsync(
  password: Buffer | string,
  salt: Buffer,
  keylen: number,
  opts: { N: number; r: number; p: number },
): Promise<Buffer> {
  // Node refuses to use more than `maxmem` bytes; scrypt needs about 128 · N · r.
  const options: ScryptOptions = { N: opts.N, r: opts.r, p: opts.p, maxmem: 128 * opts.N * opts.r * 2 + 1024 * 1024 };
  return slot(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}
