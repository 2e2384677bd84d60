/** Who may see and act on a case: admin all; supervisor the halls assigned to them; staff their own cases. */
import type { FollowupCaseRow } from '../store/cases';
import type { CaseAction } from '../../shared/cases/machine';
import { mayStep } from '../../shared/cases/access';
import type { Role } from '../auth/users';

export interface Reader { username: string; role: Role; sites: string[]; staffId: string | null }

/** A staff account's own case: about its staff member, or assigned to it. */
export function ownCase(u: Reader, r: FollowupCaseRow): boolean {
  return (u.staffId !== null && r.staff_id === u.staffId) || r.assignee === u.username;
}

export function canSee(u: Reader, r: FollowupCaseRow): boolean {
  if (u.role === 'admin') return true;
  if (u.role === 'supervisor') return u.sites.includes(r.site_id);
  return ownCase(u, r);
}

/** Staff work the cases assigned to them and appeal ratings of themselves; the rest is the supervisor's (src/shared/cases/access.ts). */
export function canStep(u: Reader, r: FollowupCaseRow, action: CaseAction, appealBy: string | null = null): boolean {
  return mayStep(u, { siteId: r.site_id, staffId: r.staff_id, assignee: r.assignee, appealBy }, action);
}

/** Who filed the case's latest appeal, from its timeline. */
export function appellant(events: ReadonlyArray<{ action: string; actor: string }>): string | null {
  return events.filter((e) => e.action === 'appeal').at(-1)?.actor ?? null;
}

/** The phone number unmasked: the hall's supervisor, the assignee and admins (every reveal audited). */
export function canReveal(u: Reader, r: FollowupCaseRow): boolean {
  return u.role === 'admin' || (u.role === 'supervisor' && u.sites.includes(r.site_id)) || r.assignee === u.username;
}

/** Why `name` may not own a case of hall `siteId`, or null when they may: an existing, active user who sees that hall. */
export function assigneeRefusal(name: string, who: { disabled: boolean; visibleSites: readonly string[] } | null, siteId: string): string | null {
  if (!who) return `no user "${name}"`;
  if (who.disabled) return `user "${name}" is disabled`;
  if (!who.visibleSites.includes(siteId)) return `user "${name}" has no access to hall "${siteId}"`;
  return null;
}
