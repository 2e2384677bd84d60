/**
 * Everything a kiosk page starts besides its UI: the sync loop, heartbeats after each drain and every
 * five minutes, Background Sync registration when a drain must wait, and the active window for the worker.
 */
import type { KioskDatabase } from './store/db';
import { getEnrolment, setActiveWindow } from './store/meta';
import { ensureEnrolled } from './enrol';
import { DEFAULT_SYNC, type DrainResult, type SyncDeps } from './sync/engine';
import { startSyncLoop, type SyncLoop } from './sync/scheduler';
import { HEARTBEAT_INTERVAL_MS, sendHeartbeat } from './sync/heartbeat';
import { requestBackgroundSync } from './sync/background';

export interface DeviceOptions {
  db: KioskDatabase;
  windowId: string;
  appVersion: string;
  baseUrl?: string;
  intervalMs?: number;
  onResult?: (r: DrainResult) => void;
}

export interface Device {
  loop: SyncLoop;
  /** Call after every saved record: drains now (or registers a background sync when that must wait). */
  afterSave(): void;
  stop(): void;
}

/** Starts the kiosk's sync machinery for one window. */
export async function startDevice(opts: DeviceOptions): Promise<Device> {
  const { db, windowId } = opts;
  await setActiveWindow(db, windowId);
  const deps: SyncDeps = {
    db, baseUrl: opts.baseUrl ?? '', fetch: (...a) => fetch(...a), now: Date.now, random: Math.random, ...DEFAULT_SYNC,
    deviceId: (await getEnrolment(db, windowId))?.deviceId ?? null,
    getToken: async () => {
      const e = (await getEnrolment(db, windowId)) ?? (await ensureEnrolled(db, windowId).then((r) => (r.kind === 'enrolled' ? r.enrolment : undefined)));
      return e?.token ?? null;
    },
  };
  const heartbeat = (): void => { void sendHeartbeat(deps, opts.appVersion); };
  const registration = async () => (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
  const loop = startSyncLoop(deps, {
    intervalMs: opts.intervalMs ?? 30_000,
    onResult: (r) => {
      if (r.kind === 'done' || r.kind === 'retry_later') heartbeat();
      if (r.kind === 'retry_later') void registration().then(requestBackgroundSync);
      opts.onResult?.(r);
    },
  });
  const beat = setInterval(heartbeat, HEARTBEAT_INTERVAL_MS);
  return {
    loop,
    afterSave: () => { void loop.syncNow(); },
    stop: () => { clearInterval(beat); loop.stop(); },
  };
}
