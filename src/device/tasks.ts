/**
 * Work a page starts and does not wait for (a heartbeat, a key refresh, a drain after a save): its failure
 * is recorded in the sync status, which the staff corner shows and the heartbeat reports.
 */
import type { KioskDatabase } from './store/db';
import { updateSyncStatus } from './store/meta';

/** Writes a failed task where staff see it (and to the console when even that fails); returns its message. */
export async function recordFailure(db: KioskDatabase | Promise<KioskDatabase>, task: string, e: unknown, now: number = Date.now()): Promise<string> {
  const message = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 200);
  try {
    await updateSyncStatus(await db, { lastBackgroundError: { task, message, at: now } });
  } catch (recordFailed) {
    console.error(`${task} failed (${message}); recording it failed too`, recordFailed);
  }
  return message;
}

/** Runs `work` without the caller waiting for it; a failure is recorded by `recordFailure`. The promise never rejects. */
export function inBackground(db: KioskDatabase | Promise<KioskDatabase>, task: string, work: () => Promise<unknown>): Promise<void> {
  return work().then(() => undefined, async (e: unknown) => { await recordFailure(db, task, e); });
}
