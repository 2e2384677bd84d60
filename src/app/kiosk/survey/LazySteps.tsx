/** The steps after a bad rating, loaded ahead of need (a kiosk after its start, a phone at once, and at the tap on a bad face). */
import { lazy, Unavailable } from '../lazy';
import type { ReasonsProps } from './Reasons';
import type { CommentProps } from './Comment';

/** What a step does when its code cannot be loaded (offline before it ever was): the survey moves on without it. */
interface WhenUnavailable { onUnavailable: () => void }

const reasons = lazy<ReasonsProps & WhenUnavailable>(() => import('./Reasons').then((m) => m.Reasons), (p, failed) => (failed ? <Unavailable onShow={p.onUnavailable} /> : null));
const comment = lazy<CommentProps & WhenUnavailable>(() => import('./Comment').then((m) => m.Comment), (p, failed) => (failed ? <Unavailable onShow={p.onUnavailable} /> : null));

export const Reasons = reasons.Lazy;
export const Comment = comment.Lazy;

/** Loads both steps; resolves whether or not they could be loaded (a step that could not falls back when shown). */
export function loadSteps(): Promise<void> {
  return Promise.all([reasons.preload(), comment.preload()]).then(() => undefined, () => undefined);
}

/** Starts loading both steps. */
export function preloadSteps(): void {
  void loadSteps();
}
