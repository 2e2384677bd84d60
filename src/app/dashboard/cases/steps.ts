/** Which steps of a case the signed-in user is offered: the case's state and the user's role, as the endpoint rules them. */
import type { CaseAction } from '../../../shared/cases/machine';
import { mayStep } from '../../../shared/cases/access';
import type { CaseSummary } from '../../../shared/api';
import type { Me } from '../../common/api';

export type StepUser = Pick<Me['user'], 'role' | 'username' | 'sites' | 'staffId'>;
type StepCase = Pick<CaseSummary, 'state' | 'appeal' | 'needsCallback' | 'founded' | 'siteId' | 'staffId' | 'assignee'> & { appealBy?: string | null };

/** The steps the state machine takes from the case's state (it refuses the rest). */
function byState(c: StepCase): CaseAction[] {
  if (c.state === 'withdrawn') return ['comment'];
  if (c.state === 'closed') return c.appeal === 'pending' ? ['decide_appeal', 'comment'] : c.appeal === 'none' ? ['appeal', 'comment'] : ['comment'];
  const next: Record<Exclude<StepCase['state'], 'closed' | 'withdrawn'>, CaseAction[]> = {
    new: ['assign', 'classify'],
    assigned: ['verify', 'assign', 'classify'],
    verified: c.needsCallback ? ['call'] : c.founded === false ? ['answer'] : ['rectify'],
    called_back: c.founded === false ? ['answer'] : ['rectify'],
    rectified: ['answer'],
    answered: c.appeal === 'pending' ? [] : ['close'], // the appeal is decided before the case closes
  };
  const out = [...next[c.state]];
  if (c.appeal === 'none') out.push('appeal');
  if (c.appeal === 'pending') out.push('decide_appeal');
  return [...out, 'comment'];
}

/** The forms to show on a case: what its state allows and the user may do. */
export function offeredSteps(u: StepUser, c: StepCase): CaseAction[] {
  return byState(c).filter((a) => mayStep(u, c, a));
}

/** Supervisors and admins export cases and make the 二次评价 QR code (ADMIN_SUPERVISOR in src/server/auth/credentials.ts). */
export const mayManageCases = (u: Pick<StepUser, 'role'>): boolean => u.role !== 'staff';
