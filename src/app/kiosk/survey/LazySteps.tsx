/** The steps after a bad rating, loaded from the tap on a bad face (in parallel with its save). */
import { lazy } from '../lazy';
import type { ReasonsProps } from './Reasons';
import type { CommentProps } from './Comment';

const reasons = lazy<ReasonsProps>(() => import('./Reasons').then((m) => m.Reasons));
const comment = lazy<CommentProps>(() => import('./Comment').then((m) => m.Comment));

export const Reasons = reasons.Lazy;
export const Comment = comment.Lazy;

/** Starts loading both steps. */
export function preloadSteps(): void {
  void reasons.preload().catch(() => {});
  void comment.preload().catch(() => {});
}
