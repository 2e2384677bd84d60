/** When to drain: at start, on `online`, on an interval, when the earliest retry is due, and on "sync now". */
import { drainExclusive, queueCounts, type DrainResult, type SyncDeps } from './engine';

export interface SyncLoop {
  syncNow(): Promise<DrainResult>;
  stop(): void;
}

export function startSyncLoop(deps: SyncDeps, opts: { intervalMs: number; onResult?: (r: DrainResult) => void }): SyncLoop {
  let wake: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const run = async (): Promise<DrainResult> => {
    const r = await drainExclusive(deps);
    opts.onResult?.(r);
    if (!stopped) await scheduleNext();
    return r;
  };

  // Wake when the earliest deferred entry becomes due, so a backoff resumes even without events.
  const scheduleNext = async (): Promise<void> => {
    if (wake) clearTimeout(wake);
    const { nextAttemptAt } = await queueCounts(deps.db);
    if (nextAttemptAt === null) return;
    const delay = Math.min(Math.max(nextAttemptAt - deps.now(), 250), opts.intervalMs);
    wake = setTimeout(() => void run(), delay);
  };

  const onOnline = (): void => { void run(); };
  globalThis.addEventListener?.('online', onOnline);
  const interval = setInterval(() => void run(), opts.intervalMs);
  void run();

  return {
    syncNow: run,
    stop() {
      stopped = true;
      clearInterval(interval);
      if (wake) clearTimeout(wake);
      globalThis.removeEventListener?.('online', onOnline);
    },
  };
}
