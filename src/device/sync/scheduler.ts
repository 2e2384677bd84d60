/** When to drain: at start, on `online`, on an interval, when the earliest retry is due, and on "sync now". */
import type { DrainResult, SyncDeps } from './engine';
import { queueCounts } from '../store/outbox-counts';
import { recordFailure } from '../tasks';

const NOTHING_SENT: DrainResult = { kind: 'done', sent: 0, stored: 0, duplicate: 0, rejected: 0 };

/**
 * The engine (batches, the answer's schema, the lease) is loaded when there is something to send, not with
 * the idle screen: a kiosk that starts with an empty outbox loads it at its first save.
 */
let engine: Promise<typeof import('./engine')> | null = null;

async function drain(deps: SyncDeps, always: boolean, allDue: boolean): Promise<DrainResult> {
  if (!engine && !always) {
    // Nothing to send (nothing due; for a flush, nothing queued at all): the engine is not loaded for it.
    const { pending, nextAttemptAt } = await queueCounts(deps.db);
    if (allDue ? pending === 0 : nextAttemptAt === null || nextAttemptAt > deps.now()) return NOTHING_SENT;
  }
  if (!engine) {
    engine = import('./engine');
    engine.catch(() => { engine = null; }); // a chunk that failed to load is asked for again at the next drain
  }
  return (await engine).drainExclusive(allDue ? { ...deps, allDue } : deps);
}

export interface SyncLoop {
  /** The loop's first drain, started with it: what an earlier visit or session left queued goes first. */
  readonly first: Promise<DrainResult>;
  /** Sends what is due now (after a save: the new record is due at once; what waits on a backoff keeps waiting). */
  syncNow(): Promise<DrainResult>;
  /** Sends everything queued now, whatever its retry time: staff's "sync now" (and the loop itself on `online`). */
  flush(): Promise<DrainResult>;
  stop(): void;
}

export function startSyncLoop(deps: SyncDeps, opts: { intervalMs: number; onResult?: (r: DrainResult) => void }): SyncLoop {
  let wake: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const note = (task: string, e: unknown): Promise<string> => recordFailure(deps.db, task, e, deps.now());

  /** `always`: even when nothing seems due (load the engine); `allDue`: everything queued, whatever its retry time. */
  const run = async (always = false, allDue = false): Promise<DrainResult> => {
    let r: DrainResult;
    try {
      r = await drain(deps, always, allDue);
    } catch (e) {
      // A drain that threw (IndexedDB refused a request, a bug) is recorded for staff, and the loop goes on.
      const message = await note('sync', e);
      r = { kind: 'retry_later', reason: 'storage', message, sent: 0 };
    }
    opts.onResult?.(r);
    // Busy: another drain is under way (this loop's, the service worker's, a closing page's). Look again in 2 s
    // without reading the queue: ratings saved after it read its batch wait seconds, not the 30 s interval.
    if (stopped) return r;
    if (r.kind !== 'busy') await scheduleNext();
    else {
      if (wake) clearTimeout(wake);
      wake = setTimeout(() => void run(), 2_000);
    }
    return r;
  };

  // Wake when the earliest deferred entry becomes due, so a backoff resumes even without events.
  // On an IndexedDB error the next wake is the interval's: rescheduling never stops.
  const scheduleNext = async (): Promise<void> => {
    if (wake) clearTimeout(wake);
    wake = null;
    let nextAttemptAt: number | null;
    try {
      ({ nextAttemptAt } = await queueCounts(deps.db));
    } catch (e) {
      await note('sync schedule', e);
      nextAttemptAt = deps.now() + opts.intervalMs;
    }
    if (nextAttemptAt === null || stopped) return;
    const delay = Math.min(Math.max(nextAttemptAt - deps.now(), 250), opts.intervalMs);
    wake = setTimeout(() => void run(), delay);
  };

  // Back online: everything queued goes now, not when the backoff built up offline (up to minutes) runs out.
  const onOnline = (): void => { void run(false, true); };
  globalThis.addEventListener?.('online', onOnline);
  const interval = setInterval(() => void run(), opts.intervalMs);
  const first = run();

  return {
    first,
    syncNow: () => run(true),
    flush: () => run(true, true),
    stop() {
      stopped = true;
      clearInterval(interval);
      if (wake) clearTimeout(wake);
      globalThis.removeEventListener?.('online', onOnline);
    },
  };
}
