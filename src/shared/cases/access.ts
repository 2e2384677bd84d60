/** Who may take a step of a case: one rule for the endpoint (src/server/cases/access.ts) and the case page's forms. */
import type { CaseAction } from './machine';

/** What staff may do on a case assigned to them; appeals are for the staff member it is about. */
const STAFF_STEPS: readonly CaseAction[] = ['verify', 'call', 'rectify', 'answer', 'comment'];

export interface StepActor { role: 'admin' | 'supervisor' | 'staff'; username: string; sites: readonly string[]; staffId?: string | null | undefined }
export interface StepSubject {
  siteId: string; staffId: string | null; assignee: string | null;
  /** Who filed the appeal waiting for a decision (the timeline's last 申诉), when there is one. */
  appealBy?: string | null;
}

/**
 * Staff work the cases assigned to them and appeal ratings of themselves; the rest is the supervisor's. An appeal is
 * decided by another person than the one who filed it, and never by the staff member rated: an upheld appeal drops
 * the rating from every figure, so nobody can take a bad review out of the figures alone.
 */
export function mayStep(u: StepActor, c: StepSubject, action: CaseAction): boolean {
  if (action === 'decide_appeal' && (c.appealBy === u.username || ((u.staffId ?? null) !== null && u.staffId === c.staffId))) return false;
  if (u.role === 'admin') return true;
  if (u.role === 'supervisor') return u.sites.includes(c.siteId);
  if (action === 'appeal') return (u.staffId ?? null) !== null && c.staffId === u.staffId;
  return c.assignee === u.username && STAFF_STEPS.includes(action);
}
