/** The sync's default tuning, apart from the engine so a page can start its loop before the engine is loaded. */
import type { SyncDeps } from './engine';
import { DEFAULT_BACKOFF } from '../../shared/backoff';
import { MAX_BATCH } from '../../shared/wire-limits';

export const DEFAULT_SYNC: Pick<SyncDeps, 'timeoutMs' | 'batchSize' | 'backoff'> = {
  timeoutMs: 15_000, batchSize: MAX_BATCH, backoff: DEFAULT_BACKOFF,
};
