/**
 * How full the outbox is, for the scheduler, the heartbeat and staff: apart from the drain's requests in
 * outbox.ts so the idle screen can ask without loading them.
 */
import type { KioskDatabase } from './db';

/** Pending entries, dead letters and the earliest scheduled retry, for staff and the scheduler. */
export async function queueCounts(db: KioskDatabase): Promise<{ pending: number; deadLetters: number; nextAttemptAt: number | null }> {
  const tx = db.transaction(['outbox', 'deadLetters'], 'readonly');
  const [pending, deadLetters, first] = await Promise.all([
    tx.objectStore('outbox').count(), tx.objectStore('deadLetters').count(), tx.objectStore('outbox').index('byNext').openCursor(), tx.done,
  ]);
  return { pending, deadLetters, nextAttemptAt: first?.value.nextAttemptAt ?? null };
}
