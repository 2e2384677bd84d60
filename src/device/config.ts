/** The window's configuration: fetched with ETag, cached in IndexedDB, used from the cache when offline. */
import type { KioskDatabase } from './store/db';
import { answerOf, networkFirst, storedCopy } from './cached';
import type { WindowConfig } from '../shared/config';

export type ConfigResult =
  | { kind: 'ok'; config: WindowConfig; from: 'network' | 'cache' }
  | { kind: 'unknown_window' }
  | { kind: 'unavailable'; message: string };

/** The endpoint made this body from its checked configuration (GET /api/v1/config/:windowId). */
const asWindowConfig = (body: unknown): WindowConfig => body as WindowConfig;

/** Network first (revalidating with the cached ETag), the cached copy when the endpoint cannot be reached. */
export async function loadWindowConfig(db: KioskDatabase, windowId: string, fetchFn: typeof fetch = fetch, baseUrl = ''): Promise<ConfigResult> {
  const r = await networkFirst<WindowConfig>(db, `config:${windowId}`, async (etag) => answerOf(
    await fetchFn(`${baseUrl}/api/v1/config/${encodeURIComponent(windowId)}`, { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-store' }),
    asWindowConfig,
  ));
  if (r.kind === 'ok') return { kind: 'ok', config: r.value, from: r.from };
  return r.kind === 'gone' ? { kind: 'unknown_window' } : r;
}

/** The configuration kept from the last visit, for a first render that does not wait for the network. */
export function cachedWindowConfig(db: KioskDatabase, windowId: string): Promise<WindowConfig | undefined> {
  return storedCopy<WindowConfig>(db, `config:${windowId}`);
}
