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
}

export const EMPTY_STATUS: SyncStatus = { lastSuccessAt: null, lastAttemptAt: null, lastError: null, clockOffsetMs: null, unauthorized: false };

export async function getEnrolment(db: KioskDatabase, windowId: string): Promise<Enrolment | undefined> {
  return (await db.get('meta', `enrolment:${windowId}`)) as Enrolment | undefined;
}

export async function setEnrolment(db: KioskDatabase, e: Enrolment): Promise<void> {
  await db.put('meta', e, `enrolment:${e.windowId}`);
}

export async function getSyncStatus(db: KioskDatabase): Promise<SyncStatus> {
  return { ...EMPTY_STATUS, ...((await db.get('meta', 'syncStatus')) as Partial<SyncStatus> | undefined) };
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
