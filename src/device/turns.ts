/**
 * The citizen first: from a tap until its answer is painted, the page's background work (a drain's next step, a
 * heartbeat, the scheduler's queue read) waits its turn, so neither its scripts nor its IndexedDB transactions
 * stand between a tap and the thank-you. Work already under way finishes its current step.
 */

/** The longest a hold lasts: a release that never comes must not stop the sync. */
const MAX_HOLD_MS = 2_000;

let holds = 0;
let waiting: (() => void)[] = [];

/** Runs `fn` after the next frame is painted (at once where there are no frames, e.g. in a worker). */
export function afterPaint(fn: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (raf) raf(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** Holds background work until the returned function is called (or MAX_HOLD_MS passed); calling it again does nothing. */
export function holdBackground(): () => void {
  holds++;
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    clearTimeout(timer);
    if (--holds > 0) return;
    const go = waiting;
    waiting = [];
    for (const resume of go) resume();
  };
  const timer = setTimeout(release, MAX_HOLD_MS);
  return release;
}

/** Resolves at once when nothing is held, else when the last hold is released. */
export function backgroundTurn(): Promise<void> {
  return holds === 0 ? Promise.resolve() : new Promise((resume) => { waiting.push(resume); });
}

/** Holds background work while `work` runs and until the frame after it settles is painted. */
export function citizenFirst<T>(work: () => Promise<T>): Promise<T> {
  const release = holdBackground();
  return work().finally(() => afterPaint(release));
}
