/** A read-only summary of the kiosk for the staff corner: queue, last sync, storage, today's figures from IndexedDB. */
import type { DeadLetter, KioskDatabase } from './store/db';
import { getSyncStatus, type SyncStatus } from './store/meta';
import { queueCounts } from './store/outbox-counts';
import { deadLettersNewestFirst } from './store/dead-letters';
import { responsesBetween } from './store/records';
import { rates, type Rates } from '../shared/metrics';
import { siteDay, addDays, dayStartUtc } from '../shared/time';

const NEARLY_FULL = 0.8;

export interface StorageUse {
  usage: number;
  quota: number;
}

export interface KioskStatus {
  pending: number;
  deadLetterCount: number;
  deadLetters: DeadLetter[];
  sync: SyncStatus;
  /** null where the browser cannot tell. */
  storage: StorageUse | null;
  /** Storage is at least 80 % of the quota the browser grants: staff should sync and report it. */
  storageNearlyFull: boolean;
  /** Today's ratings made on this kiosk for this window, from IndexedDB: known even offline. */
  today: Rates & { suspect: number; day: string };
}

/** Today's figures for one window from the records this device holds; suspect ratings counted apart. */
export async function todayFigures(db: KioskDatabase, windowId: string, timeZone: string, now: number): Promise<KioskStatus['today']> {
  const day = siteDay(now, timeZone);
  const from = new Date(dayStartUtc(day, timeZone)).toISOString();
  const to = new Date(dayStartUtc(addDays(day, 1), timeZone)).toISOString();
  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let suspect = 0;
  for (const r of await responsesBetween(db, from, to)) {
    if (r.windowId !== windowId) continue;
    if (r.suspect) { suspect++; continue; } // left out of the figures, counted apart
    counts[r.score - 1] = (counts[r.score - 1] ?? 0) + 1;
  }
  return { ...rates(counts), suspect, day };
}

async function storageUse(): Promise<StorageUse | null> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (!storage?.estimate) return null;
  const e = await storage.estimate();
  return e.usage === undefined || e.quota === undefined ? null : { usage: e.usage, quota: e.quota };
}

/** Everything the staff corner shows, read in one go. */
export async function kioskStatus(db: KioskDatabase, windowId: string, timeZone: string, now: number = Date.now()): Promise<KioskStatus> {
  const [counts, sync, deadLetters, storage, today] = await Promise.all([
    queueCounts(db), getSyncStatus(db), deadLettersNewestFirst(db), storageUse(), todayFigures(db, windowId, timeZone, now),
  ]);
  const storageNearlyFull = storage !== null && storage.quota > 0 && storage.usage / storage.quota >= NEARLY_FULL;
  return { pending: counts.pending, deadLetterCount: counts.deadLetters, deadLetters, sync, storage, storageNearlyFull, today };
}
