/**
 * Service worker: precaches the app shell (Workbox) so a kiosk that loaded once opens and
 * takes ratings offline. It never stores citizens' records itself: the outbox in IndexedDB is
 * the store of record, drained by the sync engine.
 */
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL, getCacheKeyForURL } from 'workbox-precaching';
import { registerRoute, NavigationRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { SYNC_TAG, drainFromWorker } from '../device/sync/background';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// cleanURLs off: otherwise Workbox answers /kiosk (the installed app's start_url) with kiosk.html instead of the pairing page.
precacheAndRoute(self.__WB_MANIFEST, { cleanURLs: false });
cleanupOutdatedCaches();

/** Each route family opens its own precached HTML shell, online or not. */
const shells: Array<[string, RegExp]> = [
  ['/pair.html', /^\/kiosk\/?$/],
  ['/kiosk.html', /^\/kiosk\/./],
  ['/q.html', /^\/q\//],
  ['/dashboard.html', /^\/dashboard(\/|$)/],
  ['/posters.html', /^\/admin\/posters\/?$/], // before /admin/*: the first matching route wins
  ['/admin.html', /^\/admin(\/|$)/],
  ['/display.html', /^\/display\//],
];
for (const [shell, pattern] of shells) {
  if (getCacheKeyForURL(shell)) registerRoute(new NavigationRoute(createHandlerBoundToURL(shell), { allowlist: [pattern] }));
}

// The first install takes control at once; later updates wait until the page says the kiosk is idle.
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync: the browser wakes the worker when the network is back; it drains through the
// same engine and lock as the page. A failed drain rejects, so the browser tries again later.
interface SyncEventLike extends ExtendableEvent { readonly tag: string }
self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, ((event: SyncEventLike) => {
  if (event.tag === SYNC_TAG) event.waitUntil(drainFromWorker((...a) => fetch(...a)));
}) as unknown as EventListener);
