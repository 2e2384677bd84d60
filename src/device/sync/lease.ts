/**
 * One drain at a time across tabs and the service worker where the Web Locks API is missing:
 * a lease row in IndexedDB, taken and renewed in readwrite transactions (which IndexedDB serialises).
 * A holder that died simply lets its lease expire.
 */
import type { KioskDatabase } from '../store/db';
import { metaValue, type Lease } from '../store/meta';

const LEASE_KEY = 'syncLease';

/** Takes (or renews) the lease for `owner` unless another live holder has it. */
export async function acquireLease(db: KioskDatabase, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const cur = metaValue(LEASE_KEY, await tx.store.get(LEASE_KEY));
  if (cur && cur.owner !== owner && cur.until > now) {
    await tx.done;
    return false;
  }
  await tx.store.put({ owner, until: now + ttlMs } satisfies Lease, LEASE_KEY);
  await tx.done;
  return true;
}

/** Gives the lease back, if `owner` still holds it. */
export async function releaseLease(db: KioskDatabase, owner: string): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const cur = metaValue(LEASE_KEY, await tx.store.get(LEASE_KEY));
  if (cur?.owner === owner) await tx.store.delete(LEASE_KEY);
  await tx.done;
}
