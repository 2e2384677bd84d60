/**
 * The outbox store: which records still wait for the endpoint's answer, and when to try each again; the records
 * a batch sends. Batches are read and settled with range requests (ids are time-ordered, so a batch is mostly one
 * run of keys), each in one transaction. How full the outbox is: outbox-counts.ts.
 */
import type { DeadLetter, KioskDatabase, OutboxEntry, StoredRecord } from './db';
import type { RecordOutcome } from '../../shared/wire';

export interface Batch {
  /** Due entries, oldest schedule first. */
  entries: OutboxEntry[];
  /** The records of `entries` still stored, in the same order. */
  records: StoredRecord[];
  /** Entries whose record is gone: nothing is left to send for them. */
  missing: OutboxEntry[];
}

/**
 * The next batch: up to `limit` entries due at `now` that are not in `skip` (sent and not yet settled, when the
 * next batch is read while one is on the wire), with their records, in one transaction. Records are read by
 * key range (ids are time-ordered, so a batch is mostly one run of keys), with single reads only for what the
 * range did not hold.
 */
export async function nextBatch(db: KioskDatabase, now: number, limit: number, skip: ReadonlySet<string> = new Set()): Promise<Batch> {
  const tx = db.transaction(['outbox', 'responses', 'suggestions'], 'readonly');
  const due = await tx.objectStore('outbox').index('byNext').getAll(IDBKeyRange.upperBound(now), limit + skip.size);
  const entries = (skip.size > 0 ? due.filter((e) => !skip.has(e.id)) : due).slice(0, limit);
  const found = new Map<string, StoredRecord>();
  const ranged = (['responses', 'suggestions'] as const).map(async (name) => {
    const ids = entries.filter((e) => (e.type === 'response') === (name === 'responses')).map((e) => e.id).sort();
    if (ids.length === 0) return;
    // Synced records stay on the device; the count bounds what a range interleaved with them may return.
    const rows: StoredRecord[] = await tx.objectStore(name).getAll(IDBKeyRange.bound(ids[0]!, ids[ids.length - 1]!), ids.length * 2);
    for (const r of rows) found.set(r.id, r);
    await Promise.all(ids.filter((id) => !found.has(id)).map(async (id) => {
      const r: StoredRecord | undefined = await tx.objectStore(name).get(id);
      if (r) found.set(id, r);
    }));
  });
  await Promise.all([...ranged, tx.done]);
  const records: StoredRecord[] = [];
  const missing: OutboxEntry[] = [];
  for (const e of entries) {
    const rec = found.get(e.id);
    if (rec && rec.type === e.type) records.push(rec);
    else missing.push(e);
  }
  return { entries, records, missing };
}

/** Ascending ids of `entries` and the key range that spans them. */
function span(entries: readonly OutboxEntry[]): IDBKeyRange | null {
  if (entries.length === 0) return null;
  let lo = entries[0]!.id;
  let hi = lo;
  for (const e of entries) {
    if (e.id < lo) lo = e.id;
    if (e.id > hi) hi = e.id;
  }
  return IDBKeyRange.bound(lo, hi);
}

/** The current outbox entries for `entries`' ids, read with one range request. */
async function currentEntries(store: { getAll(q: IDBKeyRange): Promise<OutboxEntry[]> }, entries: readonly OutboxEntry[]): Promise<{ inRange: OutboxEntry[]; byId: Map<string, OutboxEntry> }> {
  const range = span(entries);
  const inRange = range ? await store.getAll(range) : [];
  return { inRange, byId: new Map(inRange.map((e) => [e.id, e])) };
}

/** Pushes the schedule of unanswered entries to `retryAt(entry)`; an entry re-queued meanwhile (newer data) keeps its own. */
export async function deferEntries(db: KioskDatabase, entries: readonly OutboxEntry[], message: string, retryAt: (attempts: number) => number): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const { byId } = await currentEntries(tx.store, entries);
  const writes = entries.map((e) => {
    const cur = byId.get(e.id);
    if (!cur || cur.queuedAt !== e.queuedAt) return null; // re-queued with newer data meanwhile: send it soon
    const attempts = cur.attempts + 1;
    return tx.store.put({ ...cur, attempts, lastError: message, nextAttemptAt: retryAt(attempts) });
  });
  await Promise.all([...writes, tx.done]);
}

/** Drops entries whose record is gone: there is nothing left to send for them. */
export async function dropEntries(db: KioskDatabase, entries: readonly OutboxEntry[]): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all([...entries.map((e) => tx.store.delete(e.id)), tx.done]);
}

export interface Settled {
  tally: { stored: number; duplicate: number; rejected: number };
  /** Sent entries the answer did not mention: to be tried again. */
  unanswered: OutboxEntry[];
}

/**
 * Applies the endpoint's per-record answers atomically with the outbox and dead-letter stores: answered entries
 * leave the outbox (one range delete when the batch's key range holds nothing else), rejected ones become dead
 * letters. An entry re-queued while the batch flew (a later survey step) stays, to send its newer revision.
 */
export async function settleBatch(db: KioskDatabase, entries: readonly OutboxEntry[], sent: ReadonlyMap<string, StoredRecord>, results: readonly RecordOutcome[], now: number): Promise<Settled> {
  const tally = { stored: 0, duplicate: 0, rejected: 0 };
  const byId = new Map(results.map((r) => [r.id, r]));
  const unanswered: OutboxEntry[] = [];
  const answered = entries.filter((e) => {
    const ok = byId.has(e.id) && sent.has(e.id);
    if (!ok) unanswered.push(e);
    return ok;
  });
  const tx = db.transaction(['outbox', 'deadLetters'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const { inRange, byId: current } = await currentEntries(outbox, answered);
  const writes: Promise<unknown>[] = [];
  const leaving = new Set<string>();
  for (const e of answered) {
    const r = byId.get(e.id)!;
    if (r.status === 'rejected') {
      tally.rejected++;
      const letter: DeadLetter = { id: e.id, type: e.type, reason: r.reason, ...(r.field ? { field: r.field } : {}), ...(r.code ? { code: r.code } : {}), at: now, record: sent.get(e.id)! };
      writes.push(tx.objectStore('deadLetters').put(letter));
    } else {
      tally[r.status]++;
    }
    const cur = current.get(e.id);
    if (cur === undefined || cur.queuedAt === e.queuedAt) leaving.add(e.id);
  }
  const range = span(answered);
  if (range && inRange.every((e) => leaving.has(e.id))) writes.push(outbox.delete(range));
  else for (const id of leaving) writes.push(outbox.delete(id));
  await Promise.all([...writes, tx.done]);
  return { tally, unanswered };
}
