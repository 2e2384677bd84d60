/**
 * Background Sync: the page registers a one-off `sync` tag when a drain must wait; the browser fires it
 * in the service worker once the network is back (even with the kiosk tab asleep), and the worker
 * drains through the same engine and the same lock as the page.
 */
import { openKioskDb } from '../store/db';
import { getActiveWindow, getEnrolment } from '../store/meta';
import { DEFAULT_SYNC, drainExclusive, type DrainResult } from './engine';

export const SYNC_TAG = 'window-feedback-outbox';

interface SyncManagerLike { register(tag: string): Promise<void> }

/** Asks the browser for a background sync where it has the API; false where it has not. */
export async function requestBackgroundSync(registration: { sync?: SyncManagerLike } | undefined | null): Promise<boolean> {
  if (!registration?.sync) return false;
  try {
    await registration.sync.register(SYNC_TAG);
    return true;
  } catch {
    return false; // permission withheld: the page's own loop still drains
  }
}

/** One drain from the service worker; throws when it must be retried, so the browser schedules another `sync`. */
export async function drainFromWorker(fetchFn: typeof fetch, baseUrl = ''): Promise<DrainResult> {
  const db = await openKioskDb();
  try {
    const windowId = await getActiveWindow(db);
    const enrolment = windowId ? await getEnrolment(db, windowId) : undefined;
    if (!enrolment) return { kind: 'no_token' };
    const r = await drainExclusive({
      db, baseUrl, fetch: fetchFn, now: Date.now, random: Math.random, ...DEFAULT_SYNC,
      deviceId: enrolment.deviceId, getToken: async () => enrolment.token,
      allDue: true, // the browser fires it once the network is back: what waited on a backoff goes too
    });
    if (r.kind === 'retry_later') throw new Error(`sync must be retried: ${r.message}`);
    return r;
  } finally {
    db.close();
  }
}
