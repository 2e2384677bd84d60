/**
 * The device's IndexedDB: one schema declaration, one migration ladder.
 * Runs in the page and in the service worker, so it uses no DOM.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ResponseRecord, SuggestionRecord } from '../../shared/wire';

export const DB_NAME = 'window-feedback';
export const DB_VERSION = 2;

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
  reason: string;
  field?: string;
  at: number;
  record: StoredRecord;
}

export interface KioskDB extends DBSchema {
  responses: { key: string; value: ResponseRecord; indexes: { byTime: string } };
  suggestions: { key: string; value: SuggestionRecord; indexes: { byTime: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { byNext: number } };
  deadLetters: { key: string; value: DeadLetter; indexes: { byAt: number } };
  meta: { key: string; value: unknown };
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
      // Later steps go here as `if (oldVersion < 3 && version >= 3) { … }`, changing stores through the upgrade transaction.
    },
  });
}
