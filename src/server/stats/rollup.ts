/** The roll-up tables: written by ingest in each batch's transaction; rebuilt from the responses on demand. */
import type { Areas } from '../store';

/** Recomputes every roll-up from the responses in one transaction. */
export function rebuildRollups(store: Pick<Areas, 'stats'>): Promise<{ daily: number; hourly: number; reasons: number }> {
  return store.stats.rebuildRollups();
}
