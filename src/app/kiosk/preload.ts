/**
 * The citizen's later screens, loaded while the network is there: until the service worker controls the page
 * (a kiosk's very first visit), a screen not yet loaded cannot be fetched once the network is gone.
 */
import { loadSteps } from './survey/LazySteps';
import { preloadSuggestionBox } from './survey/LazySuggestionBox';
import { preloadTrackingCode } from './survey/LazyTrackingCode';

/** Quiet time after the start before loading: the idle screen's start ends when the network is quiet, and this is not part of it. */
const QUIET_MS = 3_000;
/** The longest the later screens wait for a start that hangs on a slow network. */
const START_WAIT_MS = 10_000;

function whenIdle(fn: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(fn, { timeout: 2_000 });
  else setTimeout(fn, 0);
}

/**
 * Loads the reasons, comment, suggestion box and tracking code once `started` settles (or after a while) and the
 * page is idle; `also` is other work that can wait as long (the staff PIN verifiers).
 */
export function preloadLaterScreens(started: Promise<unknown>, also?: () => void): void {
  const waited = new Promise<void>((resolve) => setTimeout(resolve, START_WAIT_MS));
  void Promise.race([started, waited]).then(() => setTimeout(() => whenIdle(() => {
    // A screen that cannot be loaded now is tried again when shown, and falls back there (thank-you, faces, bare code).
    void loadSteps();
    preloadSuggestionBox().catch(() => {});
    preloadTrackingCode().catch(() => {});
    also?.();
  }), QUIET_MS));
}
