/**
 * The meta store: small key-value facts of the device, typed by key. Every key family and the shape it
 * holds is declared once in `MetaEntries`; the only accessors are `getMeta`/`putMeta`/`deleteMeta`.
 */
import type { KioskDatabase, MetaValue } from './db';
import type { WindowConfig } from '../../shared/config';
import type { PresenceKey } from '../../shared/device-wire';
import type { PinVerifier } from '../../shared/staff-wire';

export interface Enrolment {
  deviceId: string;
  token: string;
  windowId: string;
  siteId: string;
  /**
   * false when the kiosk enrolled itself on an open-enrolment (demo) hall: the endpoint gives PIN verifiers only to
   * kiosks paired with an admin's code, so such a kiosk does not ask for them. Absent on enrolments stored before.
   */
  paired?: boolean;
}

/** A work the page started and did not wait for, which failed: shown to staff. */
export interface BackgroundError {
  task: string;
  message: string;
  at: number;
}

export interface SyncStatus {
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  /** Device clock minus endpoint clock (ms), from the last answer's Date header. */
  clockOffsetMs: number | null;
  /** Set when the endpoint refused the device token: every drain stops until the kiosk is paired again. */
  unauthorized: boolean;
  /** Bytes used and granted for this origin at the last drain (navigator.storage.estimate()); null where unknown. */
  storageUsage: number | null;
  storageQuota: number | null;
  /** Usage reached STORAGE_WARN_RATIO of the quota: staff should be told before saves start failing. */
  storageWarning: boolean;
  /** Whether the browser granted persistent storage at enrolment; null before it was asked. */
  persisted: boolean | null;
  /** The last save that failed (a citizen was NOT thanked), for the staff corner; null when none. */
  lastSaveError: { code: 'quota' | 'storage'; message: string; at: number } | null;
  /** The last background task that failed (heartbeat, key refresh, …); null when none. */
  lastBackgroundError: BackgroundError | null;
  /** The last heartbeat the endpoint answered (ms, device clock). */
  lastHeartbeatAt: number | null;
}

/** Tuning an installation (or a test) may store on the device; absent fields keep the defaults. */
export interface SyncPolicy {
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

/** A copy of something the endpoint gave, kept for offline use; `etag` revalidates it. */
export interface Cached<T> {
  etag: string | null;
  value: T;
}

/** Wrong PINs on this kiosk: how many in a row, and until when sign-in is refused. */
export interface PinLock {
  failures: number;
  until: number;
}

export interface Lease {
  owner: string;
  until: number;
}

/** Every key of the meta store and the shape it holds. */
export interface MetaEntries {
  /** The device's last sequence number. */
  seq: number;
  syncPolicy: SyncPolicy;
  syncStatus: SyncStatus;
  syncLease: Lease;
  /** The window this device serves, so the service worker knows whose token to drain with. */
  activeWindow: string;
  phoneDeviceId: string;
  [enrolment: `enrolment:${string}`]: Enrolment;
  [config: `config:${string}`]: Cached<WindowConfig>;
  [pins: `staff-pins:${string}`]: Cached<PinVerifier[]>;
  [key: `presenceKey:${string}`]: Cached<PresenceKey>;
  [lock: `pinLock:${string}`]: PinLock;
  /** A case rated on this phone (value: the response id), so a rescan says so even offline. */
  [rated: `ratedCase:${string}`]: string;
  /** A refused record the phone has told its citizen about (value: when), so it is told once. */
  [shown: `refusalShown:${string}`]: number;
}
export type MetaKey = keyof MetaEntries & string;

/**
 * Narrows a value read from the meta store under `key` (also inside a caller's transaction).
 * The schema stores a union; `MetaEntries` ties each key to its member, and only typed writers put values.
 */
export function metaValue<K extends MetaKey>(_key: K, value: MetaValue | undefined): MetaEntries[K] | undefined {
  return value as MetaEntries[K] | undefined;
}

/** The value stored under `key`, typed by its key family. */
export async function getMeta<K extends MetaKey>(db: KioskDatabase, key: K): Promise<MetaEntries[K] | undefined> {
  return metaValue(key, await db.get('meta', key));
}

export async function putMeta<K extends MetaKey>(db: KioskDatabase, key: K, value: MetaEntries[K]): Promise<void> {
  await db.put('meta', value, key);
}

export async function deleteMeta(db: KioskDatabase, key: MetaKey): Promise<void> {
  await db.delete('meta', key);
}

/** Staff are warned once usage reaches this share of the quota. */
export const STORAGE_WARN_RATIO = 0.8;

export const EMPTY_STATUS: SyncStatus = {
  lastSuccessAt: null, lastAttemptAt: null, lastError: null, clockOffsetMs: null, unauthorized: false,
  storageUsage: null, storageQuota: null, storageWarning: false, persisted: null, lastSaveError: null,
  lastBackgroundError: null, lastHeartbeatAt: null,
};

export async function getSyncPolicy(db: KioskDatabase): Promise<SyncPolicy> {
  return (await getMeta(db, 'syncPolicy')) ?? {};
}

export async function setSyncPolicy(db: KioskDatabase, policy: SyncPolicy): Promise<void> {
  await putMeta(db, 'syncPolicy', policy);
}

export async function getActiveWindow(db: KioskDatabase): Promise<string | undefined> {
  return getMeta(db, 'activeWindow');
}

export async function setActiveWindow(db: KioskDatabase, windowId: string): Promise<void> {
  await putMeta(db, 'activeWindow', windowId);
}

export async function getEnrolment(db: KioskDatabase, windowId: string): Promise<Enrolment | undefined> {
  return getMeta(db, `enrolment:${windowId}`);
}

const enrolmentWatchers = new Set<(e: Enrolment) => void>();

/** Calls `cb` whenever this context stores an enrolment (e.g. the presence code, which needs the token); returns the unsubscribe. */
export function watchEnrolment(cb: (e: Enrolment) => void): () => void {
  enrolmentWatchers.add(cb);
  return () => { enrolmentWatchers.delete(cb); };
}

/** Stores a (new) enrolment; a fresh token lifts the stop a refused one put on every drain. */
export async function setEnrolment(db: KioskDatabase, e: Enrolment): Promise<void> {
  await putMeta(db, `enrolment:${e.windowId}`, e);
  await updateSyncStatus(db, { unauthorized: false });
  for (const cb of enrolmentWatchers) cb(e);
}

/** A save failure that could not itself be written (the disk was full): kept in memory for this context. */
let unwrittenSaveError: SyncStatus['lastSaveError'] = null;

export async function getSyncStatus(db: KioskDatabase): Promise<SyncStatus> {
  const stored: SyncStatus = { ...EMPTY_STATUS, ...(await getMeta(db, 'syncStatus')) };
  if (unwrittenSaveError && (stored.lastSaveError?.at ?? 0) < unwrittenSaveError.at) stored.lastSaveError = unwrittenSaveError;
  return stored;
}

/** Records a failed save for staff; when the store refuses even that, it is kept in memory instead. */
export async function noteSaveError(db: KioskDatabase, err: NonNullable<SyncStatus['lastSaveError']>): Promise<void> {
  unwrittenSaveError = err;
  try {
    await updateSyncStatus(db, { lastSaveError: err });
    unwrittenSaveError = null;
  } catch {
    // The disk is full: the in-memory copy above is what the staff corner will show.
  }
}

/** Reads, patches and writes the sync status in one readwrite transaction, so concurrent patches do not lose each other. */
export async function updateSyncStatus(db: KioskDatabase, patch: Partial<SyncStatus>): Promise<SyncStatus> {
  const tx = db.transaction('meta', 'readwrite');
  const stored = metaValue('syncStatus', await tx.store.get('syncStatus'));
  const next: SyncStatus = { ...EMPTY_STATUS, ...stored, ...patch };
  if (unwrittenSaveError && (next.lastSaveError?.at ?? 0) < unwrittenSaveError.at) next.lastSaveError = unwrittenSaveError;
  await Promise.all([tx.store.put(next, 'syncStatus'), tx.done]);
  return next;
}
