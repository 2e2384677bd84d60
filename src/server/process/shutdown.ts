/**
 * Graceful stop on SIGTERM/SIGINT: refuse new connections, let in-flight syncs and exports finish up to
 * a limit (SHUTDOWN_GRACE_MS), then close what is left, checkpoint the WAL and close the database.
 */
import type { ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { RequestTracker } from './listen';
import type { Logger } from '../http/requestlog';

export interface ShutdownDeps {
  server: ServerType;
  tracker: RequestTracker;
  graceMs: number;
  logger: Logger;
  /**
   * Stops timers (purge, alerts) before the wait; what it returns (the passes under way) is awaited before storage
   * closes, within what is left of the grace period.
   */
  stopTimers: () => void | Promise<void>;
  /** Checkpoints and closes storage; runs after the last request ended or the limit passed. */
  closeStorage: () => void | Promise<void>;
}

export interface Shutdown {
  /** True from the first signal: readiness answers 503 so a proxy or orchestrator stops sending. */
  draining(): boolean;
  /** Runs the stop once; later calls return the same promise. */
  stop(signal: string): Promise<void>;
}

/** Parses SHUTDOWN_GRACE_MS (default 30 s, at most 10 minutes). */
export function parseGraceMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 30_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 600_000) throw new Error(`SHUTDOWN_GRACE_MS: "${value}" is not a whole number of ms from 0 to 600000`);
  return n;
}

export function gracefulShutdown(d: ShutdownDeps): Shutdown {
  let running: Promise<void> | null = null;
  return {
    draining: () => running !== null,
    stop(signal) {
      running ??= (async () => {
        const started = Date.now();
        d.logger.log('info', 'shutdown', { signal, inflight: d.tracker.inflight(), graceMs: d.graceMs });
        const timersStopped = Promise.resolve(d.stopTimers()).catch((e: unknown) => d.logger.log('warn', 'timers stopped with an error', { error: String(e) }));
        d.tracker.drain();
        const closed = new Promise<void>((ok) => d.server.close(() => ok()));
        (d.server as Server).closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          d.tracker.idle().then(() => false),
          new Promise<boolean>((ok) => { timer = setTimeout(() => ok(true), d.graceMs); }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          d.logger.log('warn', 'shutdown grace period over; closing open connections', { inflight: d.tracker.inflight() });
          (d.server as Server).closeAllConnections();
        }
        await closed;
        // The passes under way (an alert send waiting on its robot) get what is left of the grace period, then storage
        // closes whatever they are doing: a pass stuck on an unreachable database does not hold the stop past it.
        const left = Math.max(0, d.graceMs - (Date.now() - started));
        const passesDone = await Promise.race([
          timersStopped.then(() => true),
          new Promise<boolean>((ok) => { timer = setTimeout(() => ok(false), left); }),
        ]);
        clearTimeout(timer);
        if (!passesDone) d.logger.log('warn', 'shutdown grace period over; closing storage while timed work is still running');
        await d.closeStorage();
        d.logger.log('info', 'stopped', { ms: Date.now() - started });
      })();
      return running;
    },
  };
}
