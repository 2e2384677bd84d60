/** Enrolment: the device token for a window, kept in IndexedDB. */
import * as v from 'valibot';
import type { KioskDatabase } from './store/db';
import { getEnrolment, setEnrolment, updateSyncStatus, type Enrolment } from './store/meta';
import { EnrolResponseSchema } from '../shared/device-wire';

export type EnrolResult =
  | { kind: 'enrolled'; enrolment: Enrolment }
  | { kind: 'needs_code'; message: string }
  | { kind: 'offline'; message: string };

/** The stored enrolment, or a new one from the endpoint (open enrolment or a pairing code). */
export async function ensureEnrolled(db: KioskDatabase, windowId: string, code?: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<EnrolResult> {
  const existing = await getEnrolment(db, windowId);
  if (existing && !code) return { kind: 'enrolled', enrolment: existing };
  try {
    const res = await fetchFn(`${baseUrl}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ windowId, ...(code ? { code } : {}) }),
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) return { kind: 'needs_code', message: (body as { message?: string } | null)?.message ?? `HTTP ${res.status}` };
    const parsed = v.parse(EnrolResponseSchema, body);
    const enrolment: Enrolment = { deviceId: parsed.deviceId, token: parsed.token, windowId: parsed.windowId, siteId: parsed.siteId, paired: Boolean(code) };
    await setEnrolment(db, enrolment);
    await askPersistence(db);
    return { kind: 'enrolled', enrolment };
  } catch (e) {
    return { kind: 'offline', message: String((e as Error)?.message ?? e) };
  }
}

/** Asks the browser not to evict this kiosk's records under storage pressure; the answer is kept for staff. */
export async function askPersistence(db: KioskDatabase): Promise<boolean | null> {
  // persist() exists only in windows (not in workers), so it is typed here by hand.
  const storage = (globalThis as { navigator?: { storage?: { persist?: () => Promise<boolean>; persisted?: () => Promise<boolean> } } }).navigator?.storage;
  if (!storage?.persist) return null;
  let persisted: boolean;
  try {
    persisted = (await storage.persisted?.()) || (await storage.persist());
  } catch (e) {
    await updateSyncStatus(db, { lastError: `persistent storage not granted: ${String((e as Error)?.message ?? e)}` });
    return null;
  }
  await updateSyncStatus(db, { persisted });
  return persisted;
}
