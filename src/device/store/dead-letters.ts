/** The dead-letter store: records the endpoint rejected, kept on the device for staff and admins, never retried. */
import type { DeadLetter, KioskDatabase } from './db';

/** Every dead letter, newest first. */
export async function deadLettersNewestFirst(db: KioskDatabase): Promise<DeadLetter[]> {
  return (await db.getAllFromIndex('deadLetters', 'byAt')).reverse();
}

/** The newest `limit` dead letters, newest first (read by cursor from the end, not the whole store). */
export async function newestDeadLetters(db: KioskDatabase, limit: number): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  const tx = db.transaction('deadLetters', 'readonly');
  for (let c = await tx.store.index('byAt').openCursor(null, 'prev'); c && out.length < limit; c = await c.continue()) out.push(c.value);
  await tx.done;
  return out;
}
