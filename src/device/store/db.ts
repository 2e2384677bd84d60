/**
 * The device's IndexedDB: one schema declaration, one migration ladder.
 * Runs in the page and in the service worker, so it uses no DOM.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from 'idb';
import type { ResponseRecord, SuggestionRecord } from '../../shared/wire';
import type { MetaEntries, MetaKey } from './meta';

export const DB_NAME = 'window-feedback';
export const DB_VERSION = 3;

/** Any value of the meta store; `meta.ts` types each key family. */
export type MetaValue = MetaEntries[MetaKey];

export type StoredRecord = ResponseRecord | SuggestionRecord;

/** A record waiting to be sent; the record itself lives in its own store. */
export interface OutboxEntry {
  id: string;
  type: StoredRecord['type'];
  queuedAt: number;
  attempts: number;
  /** Not before this time (ms); 0 = now. */
  nextAttemptAt: number;
  lastError?: string;
}

export interface DeadLetter {
  id: string;
  type: StoredRecord['type'];
  /** The endpoint's words, for logs and the admin's fleet page. */
  reason: string;
  field?: string;
  /** Why, as a code the staff corner says in its language (RejectionCode); absent on letters kept before it was. */
  code?: string;
  at: number;
  record: StoredRecord;
}

export interface KioskDB extends DBSchema {
  responses: { key: string; value: ResponseRecord; indexes: { byTime: string } };
  suggestions: { key: string; value: SuggestionRecord; indexes: { byTime: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { byNext: number } };
  deadLetters: { key: string; value: DeadLetter; indexes: { byAt: number } };
  meta: { key: string; value: MetaValue };
}

export type KioskDatabase = IDBPDatabase<KioskDB>;

/** Opens the database, upgrading through every step from the stored version (`version` lower only to test older schemas). */
export function openKioskDb(name: string = DB_NAME, version: number = DB_VERSION): Promise<KioskDatabase> {
  return openDB<KioskDB>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('responses', { keyPath: 'id' }).createIndex('byTime', 'deviceTime');
        db.createObjectStore('suggestions', { keyPath: 'id' }).createIndex('byTime', 'deviceTime');
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byNext', 'nextAttemptAt');
        db.createObjectStore('deadLetters', { keyPath: 'id' });
        db.createObjectStore('meta');
      }
      if (oldVersion < 2 && version >= 2) {
        // The staff corner lists dead letters newest first; the store keeps its data, only gains an index.
        tx.objectStore('deadLetters').createIndex('byAt', 'at');
      }
      if (oldVersion < 3 && version >= 3) {
        // Cached copies become one shape, `{ etag, value }`; the data stays, so an offline kiosk still boots after the update.
        void renameCachedCopies(tx.objectStore('meta'));
      }
      // Later steps go here as `if (oldVersion < 4 && version >= 4) { … }`, changing stores through the upgrade transaction.
    },
  });
}

type MetaStoreInUpgrade = IDBPObjectStore<KioskDB, ArrayLike<StoreNames<KioskDB>>, 'meta', 'versionchange'>;

/** Step 3: `{ etag, config }` (config, staff PINs) and bare presence keys become `{ etag, value }`. */
async function renameCachedCopies(meta: MetaStoreInUpgrade): Promise<void> {
  for (let cursor = await meta.openCursor(); cursor; cursor = await cursor.continue()) {
    const key = String(cursor.key);
    const old = cursor.value as unknown as Record<string, unknown>; // written by release 2, before values were typed
    if ((key.startsWith('config:') || key.startsWith('staff-pins:')) && 'config' in old) {
      await cursor.update({ etag: (old.etag as string | null) ?? null, value: old.config } as MetaValue);
    } else if (key.startsWith('presenceKey:') && !('value' in old)) {
      await cursor.update({ etag: null, value: old } as MetaValue);
    }
  }
}
