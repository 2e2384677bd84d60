/** Registers the service worker; an update waits until the page says it is safe to apply. */
import { Workbox } from 'workbox-window';

let wb: Workbox | null = null;
let waiting = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  wb = new Workbox('/sw.js');
  wb.addEventListener('waiting', () => { waiting = true; });
  // Reload only after the new worker took control, which we asked for at an idle moment.
  wb.addEventListener('controlling', (e) => { if (e.isUpdate) location.reload(); });
  void wb.register();
}

/** Applies a waiting update now; call only while nobody is mid-survey. */
export function applyUpdateIfWaiting(): boolean {
  if (!wb || !waiting) return false;
  waiting = false;
  wb.messageSkipWaiting();
  return true;
}
