/** PIN verifiers for the window's site: fetched with the device token, kept in IndexedDB for offline sign-in. */
import type { KioskDatabase } from '../../../device/store/db';
import { getCachedConfig, setCachedConfig } from '../../../device/store/meta';
import type { PinVerifier } from './pin';

const cacheKey = (windowId: string): string => `staff-pins:${windowId}`;

/** The freshest verifiers: from the endpoint when reachable, else the cached ones, else null. */
export async function loadVerifiers(db: KioskDatabase, windowId: string, token: string | null): Promise<PinVerifier[] | null> {
  if (token) {
    try {
      const res = await fetch('/api/v1/staff/verifiers', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (res.ok) {
        const { verifiers } = (await res.json()) as { verifiers: PinVerifier[] };
        await setCachedConfig(db, cacheKey(windowId), null, verifiers);
        return verifiers;
      }
    } catch {
      // Offline: fall through to the copy kept from the last time the endpoint answered.
    }
  }
  return (await getCachedConfig<PinVerifier[]>(db, cacheKey(windowId)))?.config ?? null;
}
