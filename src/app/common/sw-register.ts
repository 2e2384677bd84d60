/**
 * Registers the service worker; an update waits until the page says it is safe to apply (Squoosh's flow:
 * the worker waits, the page asks it to skip waiting at an idle moment, the new controller reloads the page).
 * Written against the platform API: workbox-window would add 2.2 KB gzip to the kiosk's start for the same.
 */

let registration: ServiceWorkerRegistration | null = null;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // The first install takes control without a reload; a later change of controller is an update we asked for.
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
    controlled = true;
  });
  navigator.serviceWorker.register('/sw.js').then((r) => { registration = r; }, (e: unknown) => console.warn('service worker not registered', e));
}

/** Applies a waiting update now; call only while nobody is mid-survey. */
export function applyUpdateIfWaiting(): boolean {
  const waiting = registration?.waiting;
  if (!waiting || !navigator.serviceWorker.controller) return false;
  waiting.postMessage({ type: 'SKIP_WAITING' });
  return true;
}
