/** The phone as a sender: its own IndexedDB (apart from any kiosk on the same browser), a device id, the outbox loop. */
import type { KioskDatabase } from '../../device/store/db';
import { sharedDb } from '../../device/store/connection';
import { storedOrMade } from '../../device/cached';
import { DEFAULT_SYNC } from '../../device/sync/engine';
import { startSyncLoop, type SyncLoop } from '../../device/sync/scheduler';
import { uuidv7 } from '../../shared/ids';
import { queueCounts } from '../../device/store/outbox-counts';
import { earlierSent } from './case-check';

export const PHONE_DB = 'window-feedback-phone';
export const PHONE_SYNC_PATH = '/api/v1/q/sync';

/** The page's one connection to the phone's database. */
export function openPhoneDb(): Promise<KioskDatabase> {
  return sharedDb(PHONE_DB);
}

/** This phone's id, made once and kept in IndexedDB: the endpoint's "one rating per phone per window" counts by it. */
export function phoneDeviceId(db: KioskDatabase): Promise<string> {
  return storedOrMade(db, 'phoneDeviceId', () => uuidv7());
}

/** Sends saved records to the phone route whenever it can: now, on `online`, on an interval and after each save. */
export function startPhoneSync(db: KioskDatabase, deviceId: string): SyncLoop {
  return startSyncLoop({
    db, baseUrl: '', path: PHONE_SYNC_PATH, anonymous: true, getToken: async () => null, deviceId,
    fetch: (...a) => fetch(...a), now: Date.now, random: Math.random, ...DEFAULT_SYNC,
  }, { intervalMs: 15_000 });
}

/**
 * Sends what was just saved and tells whether the endpoint took it (online, within `ms`): nothing left queued and no
 * new refusal. False means it waits in the outbox for the network (or was refused, told on the next visit).
 */
export async function sendNow(db: KioskDatabase, loop: SyncLoop, ms = 4_000): Promise<boolean> {
  const before = await queueCounts(db);
  await earlierSent(db, loop.syncNow(), ms);
  const after = await queueCounts(db);
  return after.pending === 0 && after.deadLetters === before.deadLetters;
}
