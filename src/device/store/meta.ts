/** Small key-value facts of the device: enrolment, last sync, cached config. */
import type { KioskDatabase } from './db';

export interface Enrolment {
  deviceId: string;
  token: string;
  windowId: string;
  siteId: string;
}

export interface SyncStatus {
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  /** Device clock minus endpoint clock (ms), from the last answer's Date header. */
  clockOffsetMs: number | null;
  /** Set when the endpoint refused the device token: staff must enrol the kiosk again. */
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
}

/** Staff are warned once usage reaches this share of the quota. */
export const STORAGE_WARN_RATIO = 0.8;

export const EMPTY_STATUS: SyncStatus = {
  lastSuccessAt: null, lastAttemptAt: null, lastError: null, clockOffsetMs: null, unauthorized: false,
  storageUsage: null, storageQuota: null, storageWarning: false, persisted: null, lastSaveError: null,
};

/** Tuning an installation (or a test) may store on the device; absent fields keep the defaults. */
export interface SyncPolicy {
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

export async function getSyncPolicy(db: KioskDatabase): Promise<SyncPolicy> {
  return ((await db.get('meta', 'syncPolicy')) as SyncPolicy | undefined) ?? {};
}

export async function setSyncPolicy(db: KioskDatabase, policy: SyncPolicy): Promise<void> {
  await db.put('meta', policy, 'syncPolicy');
}

/** The window this device serves, so the service worker knows whose token to drain with. */
export async function getActiveWindow(db: KioskDatabase): Promise<string | undefined> {
  return (await db.get('meta', 'activeWindow')) as string | undefined;
}

export async function setActiveWindow(db: KioskDatabase, windowId: string): Promise<void> {
  await db.put('meta', windowId, 'activeWindow');
}

export async function getEnrolment(db: KioskDatabase, windowId: string): Promise<Enrolment | undefined> {
  return (await db.get('meta', `enrolment:${windowId}`)) as Enrolment | undefined;
}

export async function setEnrolment(db: KioskDatabase, e: Enrolment): Promise<void> {
  await db.put('meta', e, `enrolment:${e.windowId}`);
}

/** A save failure that could not itself be written (the disk was full): kept in memory for this context. */
let unwrittenSaveError: SyncStatus['lastSaveError'] = null;

export async function getSyncStatus(db: KioskDatabase): Promise<SyncStatus> {
  const stored = { ...EMPTY_STATUS, ...((await db.get('meta', 'syncStatus')) as Partial<SyncStatus> | undefined) };
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

export async function updateSyncStatus(db: KioskDatabase, patch: Partial<SyncStatus>): Promise<SyncStatus> {
  const next = { ...(await getSyncStatus(db)), ...patch };
  await db.put('meta', next, 'syncStatus');
  return next;
}

export async function getCachedConfig<T>(db: KioskDatabase, windowId: string): Promise<{ etag: string | null; config: T } | undefined> {
  return (await db.get('meta', `config:${windowId}`)) as { etag: string | null; config: T } | undefined;
}

export async function setCachedConfig<T>(db: KioskDatabase, windowId: string, etag: string | null, config: T): Promise<void> {
  await db.put('meta', { etag, config }, `config:${windowId}`);
}
