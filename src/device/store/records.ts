/** Saving citizens' records: the record and its outbox entry in one transaction. */
import type { KioskDatabase, OutboxEntry, StoredRecord } from './db';
import type { ResponseRecord, SuggestionRecord } from '../../shared/wire';
import { noteSaveError } from './meta';

export type SaveResult = { kind: 'saved'; record: StoredRecord } | { kind: 'failed'; code: 'quota' | 'storage'; message: string };

const SEQ_KEY = 'seq';

/** Distinguishes a full disk from other storage failures, so staff can be told which. */
function storageError(e: unknown): SaveResult {
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (e as { message?: string } | null)?.message ?? String(e);
  return { kind: 'failed', code: name === 'QuotaExceededError' ? 'quota' : 'storage', message };
}

/**
 * Writes a new record (assigning the device's next sequence number) or a later revision of one,
 * together with its outbox entry, atomically. The record is thanked for only on `saved`.
 */
export async function saveRecord(db: KioskDatabase, rec: Omit<ResponseRecord, 'seq'> | Omit<SuggestionRecord, 'seq'>, now: number = Date.now()): Promise<SaveResult> {
  const storeName = rec.type === 'response' ? 'responses' : 'suggestions';
  try {
    const tx = db.transaction([storeName, 'outbox', 'meta'], 'readwrite');
    const store = tx.objectStore(storeName);
    const existing = await store.get(rec.id);
    let seq: number;
    if (existing) {
      seq = existing.seq;
    } else {
      seq = (((await tx.objectStore('meta').get(SEQ_KEY)) as number | undefined) ?? 0) + 1;
      await tx.objectStore('meta').put(seq, SEQ_KEY);
    }
    const full = { ...rec, seq } as StoredRecord;
    await (store as unknown as { put(v: StoredRecord): Promise<unknown> }).put(full);
    const entry: OutboxEntry = { id: rec.id, type: rec.type, queuedAt: now, attempts: 0, nextAttemptAt: 0 };
    await tx.objectStore('outbox').put(entry); // a later revision resets the schedule: it is new data
    await tx.done;
    return { kind: 'saved', record: full };
  } catch (e) {
    const failed = storageError(e);
    if (failed.kind === 'failed') await noteSaveError(db, { code: failed.code, message: failed.message, at: now });
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
