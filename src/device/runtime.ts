/**
 * Everything a kiosk page starts besides its UI: the sync loop, heartbeats after each drain and every
 * five minutes (whose answer may move the kiosk to another window), Background Sync registration when a drain
 * must wait, and the active window for the worker.
 */
import type { KioskDatabase } from './store/db';
import { getEnrolment, setActiveWindow, updateSyncStatus } from './store/meta';
import { ensureEnrolled } from './enrol';
import type { DrainResult, SyncDeps } from './sync/engine';
import { DEFAULT_SYNC } from './sync/defaults';
import { startSyncLoop, type SyncLoop } from './sync/scheduler';
import { HEARTBEAT_INTERVAL_MS, sendHeartbeat } from './sync/heartbeat';
import { inBackground } from './tasks';

export interface DeviceOptions {
  db: KioskDatabase;
  windowId: string;
  appVersion: string;
  baseUrl?: string;
  intervalMs?: number;
  onResult?: (r: DrainResult) => void;
  /** Called when an admin moved this kiosk to another window: its enrolment is stored there, the page may go. */
  onMoved?: (windowId: string) => void;
}

export interface Device {
  loop: SyncLoop;
  /** Call after every saved record: drains once the page has painted (or registers a background sync when that must wait). */
  afterSave(): void;
  stop(): void;
}

/** Runs `fn` after the next frame is painted, so a citizen's thank-you is on screen before the sync starts. */
function afterPaint(fn: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (raf) raf(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** The window's device token: the stored enrolment, else a new one from open enrolment (null until then). */
export async function deviceToken(db: KioskDatabase, windowId: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<string | null> {
  const known = await getEnrolment(db, windowId);
  if (known) return known.token;
  const r = await ensureEnrolled(db, windowId, undefined, fetchFn, baseUrl);
  return r.kind === 'enrolled' ? r.enrolment.token : null;
}

/** Starts the kiosk's sync machinery for one window. */
export async function startDevice(opts: DeviceOptions): Promise<Device> {
  const { db, windowId } = opts;
  await setActiveWindow(db, windowId);
  const deps: SyncDeps = {
    db, baseUrl: opts.baseUrl ?? '', fetch: (...a) => fetch(...a), now: Date.now, random: Math.random, ...DEFAULT_SYNC,
    deviceId: (await getEnrolment(db, windowId))?.deviceId ?? null,
    getToken: () => deviceToken(db, windowId, deps.fetch, deps.baseUrl),
  };
  const heartbeat = (): void => void inBackground(db, 'heartbeat', async () => {
    const r = await sendHeartbeat(deps, opts.appVersion);
    // A refused token is already the stop on every drain (sync status); a failure is shown to staff.
    if (r.kind === 'failed') await updateSyncStatus(db, { lastBackgroundError: { task: 'heartbeat', message: r.message, at: deps.now() } });
    // An answer naming another window (an admin's Move) loads the code that follows it; the usual answer loads nothing.
    if (r.kind === 'sent' && (r.answer as { windowId?: unknown } | null)?.windowId !== windowId) {
      await (await import('./move')).followMove(deps, windowId, r.answer, opts.onMoved);
    }
  });
  const registration = async () => (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
  const loop = startSyncLoop(deps, {
    intervalMs: opts.intervalMs ?? 30_000,
    onResult: (r) => {
      if (r.kind === 'done' || r.kind === 'retry_later') heartbeat();
      // Loaded only when a drain must wait: it brings the worker's drain with it.
      if (r.kind === 'retry_later') void inBackground(db, 'background sync', async () => (await import('./sync/background')).requestBackgroundSync(await registration()));
      opts.onResult?.(r);
    },
  });
  const beat = setInterval(heartbeat, HEARTBEAT_INTERVAL_MS);
  return {
    loop,
    afterSave: () => afterPaint(() => void loop.syncNow()),
    stop: () => { clearInterval(beat); loop.stop(); },
  };
}
