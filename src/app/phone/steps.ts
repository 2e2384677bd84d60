/**
 * The survey's later steps (reasons, comment), from the same chunks LazySteps loads them from. The phone takes them
 * here rather than from LazySteps: every name the phone imports from there is one more export of the chunk the kiosk
 * loads at start, and that chunk is at its budget (tests/browser/budget.test.ts).
 */
import type { Reasons } from '../kiosk/survey/Reasons';
import type { Comment } from '../kiosk/survey/Comment';

export interface Steps {
  Reasons: typeof Reasons;
  Comment: typeof Comment;
}

/** Loads both steps; once loaded, the page keeps them offline too (and LazySteps finds them loaded). */
export function loadSteps(): Promise<Steps> {
  return Promise.all([import('../kiosk/survey/Reasons'), import('../kiosk/survey/Comment')]).then(([r, c]) => ({ Reasons: r.Reasons, Comment: c.Comment }));
}
