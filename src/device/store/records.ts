/**
 * The responses and suggestions stores: a citizen's record and its outbox entry are written in one
 * transaction. A save is one round trip to IndexedDB: every request is issued at once, and the device's
 * sequence number is guessed from the last one this page wrote and checked inside the same transaction.
 */
import type { KioskDatabase, OutboxEntry, StoredRecord } from './db';
import type { ResponseRecord, SuggestionRecord } from '../../shared/wire';
import { metaValue, noteSaveError } from './meta';

export type SaveResult = { kind: 'saved'; record: StoredRecord } | { kind: 'failed'; code: 'quota' | 'storage'; message: string };
export type Draft = Omit<ResponseRecord, 'seq'> | Omit<SuggestionRecord, 'seq'>;

/** The last sequence number this context wrote per connection: the guess for the next save. */
const lastSeq = new WeakMap<KioskDatabase, number>();

/** Distinguishes a full disk from other storage failures, so staff can be told which. */
function storageError(e: unknown): { kind: 'failed'; code: 'quota' | 'storage'; message: string } {
  const err = e instanceof Error || e instanceof DOMException ? e : null;
  return { kind: 'failed', code: err?.name === 'QuotaExceededError' ? 'quota' : 'storage', message: err?.message ?? String(e) };
}

function withSeq(rec: Draft, seq: number): StoredRecord {
  return { ...rec, seq };
}

/**
 * Writes the record with `seq` and its outbox entry. With `check`, the stored counter must be `seq - 1` and
 * the id new, else the transaction is aborted and null returned (another context numbered a record meanwhile).
 */
async function write(db: KioskDatabase, full: StoredRecord, now: number, check: boolean): Promise<StoredRecord | null> {
  const tx = db.transaction(['responses', 'suggestions', 'outbox', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  let guessedWrong = false;
  const checked = check
    ? Promise.all([meta.get('seq'), tx.objectStore(full.type === 'response' ? 'responses' : 'suggestions').count(full.id)]).then(([stored, existing]) => {
      if ((metaValue('seq', stored) ?? 0) === full.seq - 1 && existing === 0) return;
      guessedWrong = true;
      tx.abort();
    })
    : null;
  const entry: OutboxEntry = { id: full.id, type: full.type, queuedAt: now, attempts: 0, nextAttemptAt: 0 }; // a later revision resets the schedule: it is new data
  const writes: Promise<unknown>[] = [
    full.type === 'response' ? tx.objectStore('responses').put(full) : tx.objectStore('suggestions').put(full),
    tx.objectStore('outbox').put(entry),
  ];
  if (check) writes.push(meta.put(full.seq, 'seq'));
  try {
    await Promise.all([checked, ...writes, tx.done]);
  } catch (e) {
    if (guessedWrong) return null;
    throw e;
  }
  return full;
}

/** Reads the stored counter and the existing record together, then writes: two round trips, always right. */
async function writeCounted(db: KioskDatabase, rec: Draft, now: number): Promise<StoredRecord> {
  const tx = db.transaction(['responses', 'suggestions', 'meta'], 'readonly');
  const [stored, existing] = await Promise.all([
    tx.objectStore('meta').get('seq'),
    rec.type === 'response' ? tx.objectStore('responses').get(rec.id) : tx.objectStore('suggestions').get(rec.id),
    tx.done,
  ]);
  const seq = existing ? existing.seq : (metaValue('seq', stored) ?? 0) + 1;
  // A guess checked inside the writing transaction: if another context wrote in between, try again.
  const full = await write(db, withSeq(rec, seq), now, !existing);
  return full ?? writeCounted(db, rec, now);
}

/**
 * Writes a new record (assigning the device's next sequence number) or a later revision of one
 * (`seq` given: the number it already has), together with its outbox entry, atomically.
 * The record is thanked for only on `saved`.
 */
export async function saveRecord(db: KioskDatabase, rec: Draft, now: number = Date.now(), known?: { seq: number }): Promise<SaveResult> {
  try {
    let full: StoredRecord | null = null;
    if (known) full = await write(db, withSeq(rec, known.seq), now, false);
    else {
      const guess = lastSeq.get(db);
      if (guess !== undefined) full = await write(db, withSeq(rec, guess + 1), now, true);
      full ??= await writeCounted(db, rec, now);
      lastSeq.set(db, Math.max(full.seq, lastSeq.get(db) ?? 0));
    }
    return { kind: 'saved', record: full! };
  } catch (e) {
    const failed = storageError(e);
    await noteSaveError(db, { code: failed.code, message: failed.message, at: now });
    return failed;
  }
}

/** A stored record by id. */
export async function getRecord(db: KioskDatabase, type: StoredRecord['type'], id: string): Promise<StoredRecord | undefined> {
  return type === 'response' ? db.get('responses', id) : db.get('suggestions', id);
}

/** Responses made on this device whose device time falls in [fromIso, toIso). */
export async function responsesBetween(db: KioskDatabase, fromIso: string, toIso: string): Promise<ResponseRecord[]> {
  return db.getAllFromIndex('responses', 'byTime', IDBKeyRange.bound(fromIso, toIso, false, true));
}
