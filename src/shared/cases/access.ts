/** Who may take a step of a case: one rule for the endpoint (src/server/cases/access.ts) and the case page's forms. */
import type { CaseAction } from './machine';

/** What staff may do on a case assigned to them; appeals are for the staff member it is about. */
const STAFF_STEPS: readonly CaseAction[] = ['verify', 'call', 'rectify', 'answer', 'comment'];

export interface StepActor { role: 'admin' | 'supervisor' | 'staff'; username: string; sites: readonly string[]; staffId?: string | null | undefined }
export interface StepSubject { siteId: string; staffId: string | null; assignee: string | null }

/** Staff work the cases assigned to them and appeal ratings of themselves; the rest is the supervisor's. */
export function mayStep(u: StepActor, c: StepSubject, action: CaseAction): boolean {
  if (u.role === 'admin') return true;
  if (u.role === 'supervisor') return u.sites.includes(c.siteId);
  if (action === 'appeal') return (u.staffId ?? null) !== null && c.staffId === u.staffId;
  return c.assignee === u.username && STAFF_STEPS.includes(action);
}
