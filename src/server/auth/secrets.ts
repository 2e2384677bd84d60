/** Password hashing (scrypt), opaque tokens, and their stored hashes. */
import { scrypt, randomBytes, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

/** OWASP Password Storage Cheat Sheet minimum for scrypt: N = 2^17, r = 8, p = 1 (128 MiB, about 0.3–1 s a hash). */
export const PASSWORD_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEYLEN = 32;
// scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below the OWASP cost.
const MAXMEM = 256 * 1024 * 1024;

/** A sign-in refused unchecked: as many passwords as `PasswordWork` lets wait are waiting already. */
export class PasswordWorkBusy extends Error {
  constructor() {
    super('too many sign-ins are being checked at once');
  }
}

/**
 * At most `size` scrypt derivations at once, the rest waiting in arrival order. Each holds 128 MiB and a thread of
 * libuv's pool (4 threads, shared with zlib and the file system) for 0.3–1 s: without a bound, sign-ins sent together
 * with made-up usernames (each pair of username and address has its own free failures) took every thread and half a
 * gigabyte. A wait that is `bounded` (sign-in) is refused with `PasswordWorkBusy` once `maxWaiting` wait already; an
 * admin setting a password always waits its turn.
 */
export class PasswordWork {
  #active = 0;
  #peak = 0;
  readonly #waiting: Array<() => void> = [];
  constructor(readonly size: number, readonly maxWaiting: number) {}
  get active(): number { return this.#active; }
  get waiting(): number { return this.#waiting.length; }
  /** The most derivations run at once since the last `resetPeak`. */
  get peak(): number { return this.#peak; }
  resetPeak(): void { this.#peak = this.#active; }
  /** Whether a bounded wait would be refused now. */
  get full(): boolean { return this.#active >= this.size && this.#waiting.length >= this.maxWaiting; }

  async run<T>(fn: () => Promise<T>, bounded: boolean): Promise<T> {
    if (this.#active < this.size) this.#active++;
    else {
      if (bounded && this.#waiting.length >= this.maxWaiting) throw new PasswordWorkBusy();
      await new Promise<void>((ok) => this.#waiting.push(ok)); // the slot is handed over still counted
    }
    this.#peak = Math.max(this.#peak, this.#active);
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}

/** Half the cores, one at least and two at most (256 MiB); 12 sign-ins may wait, some 6–12 s for the last on a small server. */
export const passwordWork = new PasswordWork(Math.min(2, Math.max(1, Math.floor(availableParallelism() / 2))), 12);

function derive(password: string, salt: Buffer, keylen: number, o: ScryptOptions, bounded = false): Promise<Buffer> {
  return passwordWork.run(() => new Promise<Buffer>((ok, fail) => scrypt(password.normalize('NFC'), salt, keylen, { ...o, maxmem: MAXMEM }, (e, key) => (e ? fail(e) : ok(key)))), bounded);
}

/** `scrypt$N$r$p$salt$hash`, all base64url; derived on libuv's thread pool, so the endpoint keeps serving meanwhile. */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = PASSWORD_COST;
  const hash = await derive(password, salt, KEYLEN, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Constant-time check against a stored scrypt hash, off the event loop. `bounded` (a sign-in): throws
 * `PasswordWorkBusy` instead of queueing behind as many checks as may wait.
 */
export async function verifyPasswordAsync(password: string, stored: string, bounded = false): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const got = await derive(password, parsed.salt, parsed.hash.length, parsed.cost, bounded);
  return got.length === parsed.hash.length && timingSafeEqual(got, parsed.hash);
}

/** True when a stored hash was made with less than the current cost: rehash it at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.cost;
  return N < PASSWORD_COST.N || r < PASSWORD_COST.r || p < PASSWORD_COST.p;
}

function parseStored(stored: string): { cost: { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((x) => Number.isSafeInteger(x) && x > 0) || cost.N > 2 ** 20) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** A random opaque token (256 bits, base64url). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copied database grants nothing. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
