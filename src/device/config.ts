/** The window's configuration: fetched with ETag, cached in IndexedDB, used from the cache when offline. */
import type { KioskDatabase } from './store/db';
import { getCachedConfig, setCachedConfig } from './store/meta';
import type { WindowConfig } from '../shared/config';

export type ConfigResult =
  | { kind: 'ok'; config: WindowConfig; from: 'network' | 'cache' }
  | { kind: 'unknown_window' }
  | { kind: 'unavailable'; message: string };

/** Network first (revalidating with the cached ETag), the cached copy when the endpoint cannot be reached. */
export async function loadWindowConfig(db: KioskDatabase, windowId: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<ConfigResult> {
  const cached = await getCachedConfig<WindowConfig>(db, windowId);
  try {
    const res = await fetchFn(`${baseUrl}/api/v1/config/${encodeURIComponent(windowId)}`, {
      headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
      cache: 'no-store',
    });
    if (res.status === 304 && cached) return { kind: 'ok', config: cached.config, from: 'cache' };
    if (res.status === 404) return { kind: 'unknown_window' };
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const config = (await res.json()) as WindowConfig;
    await setCachedConfig(db, windowId, res.headers.get('etag'), config);
    return { kind: 'ok', config, from: 'network' };
  } catch (e) {
    if (cached) return { kind: 'ok', config: cached.config, from: 'cache' };
    return { kind: 'unavailable', message: String((e as Error)?.message ?? e) };
  }
}
