/** The window's configuration: fetched with ETag, cached in IndexedDB, used from the cache when offline. */
import type { KioskDatabase } from './store/db';
import { answerOf, networkFirst, storedCopy } from './cached';
import { putMeta } from './store/meta';
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
  if (r.kind === 'ok') {
    if (r.from === 'network') keepForFirstPaint(windowId, r.value);
    return { kind: 'ok', config: r.value, from: r.from };
  }
  return r.kind === 'gone' ? { kind: 'unknown_window' } : r;
}

/** The configuration kept from the last visit, for a first render that does not wait for the network. */
export function cachedWindowConfig(db: KioskDatabase, windowId: string): Promise<WindowConfig | undefined> {
  return storedCopy<WindowConfig>(db, `config:${windowId}`);
}

const paintKey = (windowId: string): string => `fk:config:${windowId}`;

/** The page's localStorage; absent in the service worker, which compiles this module too. */
function pageStorage(): { getItem(k: string): string | null; setItem(k: string, v: string): void } | undefined {
  return (globalThis as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
}

/**
 * A copy of the configuration for the first frame of the next start, read synchronously: a warm kiosk paints its
 * faces without waiting for IndexedDB to open. IndexedDB stays the store of record (the service worker reads it).
 */
export function firstPaintConfig(windowId: string): WindowConfig | null {
  try {
    const raw = pageStorage()?.getItem(paintKey(windowId));
    return raw ? asWindowConfig(JSON.parse(raw)) : null;
  } catch {
    return null; // storage blocked or an unreadable copy: the start waits for IndexedDB instead
  }
}

/** Keeps the copy `firstPaintConfig` reads; a failure only costs the next start its head start. */
export function keepForFirstPaint(windowId: string, config: WindowConfig): void {
  try {
    pageStorage()?.setItem(paintKey(windowId), JSON.stringify(config));
  } catch {
    // Storage full or blocked: the next start reads IndexedDB.
  }
}

/** Stores a configuration the page fetched itself (the early request of kiosk-prefetch.js), with its ETag. */
export async function storeWindowConfig(db: KioskDatabase, windowId: string, etag: string | null, config: WindowConfig): Promise<void> {
  await putMeta(db, `config:${windowId}`, { etag, value: config });
  keepForFirstPaint(windowId, config);
}
