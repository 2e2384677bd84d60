/** Every action the endpoint writes to the audit log, grouped for the audit page's filter, with its name in the staff language. */
import type { CaseAction } from '../../shared/cases/machine';
import type { adminText } from '../i18n/admin';

type AdminTexts = ReturnType<typeof adminText>;

// Each step of the case machine is logged as `case.<step>`; `satisfies` and `CaseStepsMissing` keep this list whole.
const CASE_STEPS = ['assign', 'classify', 'verify', 'call', 'rectify', 'answer', 'close', 'appeal', 'decide_appeal', 'comment'] as const satisfies readonly CaseAction[];
type CaseStepsMissing = Exclude<CaseAction, (typeof CASE_STEPS)[number]>;
const caseStepsComplete: [CaseStepsMissing] extends [never] ? true : never = true;
void caseStepsComplete;

/** The filter's groups, in the order the page lists them; every code has an `act_<code>` name in i18n/admin.ts. */
export const AUDIT_ACTION_GROUPS = [
  { group: 'signin', actions: ['login', 'login_failed', 'login_unlocked'] },
  { group: 'users', actions: ['user_created', 'user_changed'] },
  { group: 'exports', actions: ['export', 'case.phone_revealed', 'purge'] },
  { group: 'kiosks', actions: ['kiosk_enrolled', 'kiosk_revoked', 'kiosk_moved', 'pairing_code_created'] },
  { group: 'links', actions: ['display_token_created', 'display_token_revoked', 'integration_key_created', 'integration_key_revoked', 'qr_case_refused', 'qr_case_reissued', 'qr_case_rectified', 'qr_secret_rotated'] },
  { group: 'cases', actions: ['case.opened', 'case.revised', ...CASE_STEPS.map((s) => `case.${s}` as const), 'case.followup_qr'] },
  { group: 'alerts', actions: ['alert_ack', 'alert_channel_put', 'alert_channel_delete', 'alert_resend'] },
  { group: 'grades', actions: ['veto.lifted', 'insights.correct'] },
] as const;

export type AuditAction = (typeof AUDIT_ACTION_GROUPS)[number]['actions'][number];
export type AuditGroup = (typeof AUDIT_ACTION_GROUPS)[number]['group'];
// Every listed action has a name in both languages (the dictionary's type is the same for zh and en).
const allNamed: [Exclude<`act_${AuditAction}`, keyof AdminTexts>] extends [never] ? true : never = true;
void allNamed;

/** The name of an action in the staff language; a code this page does not know yet is shown as it is. */
export function actionName(t: AdminTexts, code: string): string {
  const key = `act_${code}`;
  return key in t ? t[key as keyof AdminTexts] : code;
}

/** The name of a group of actions. */
export function groupName(t: AdminTexts, group: AuditGroup): string {
  return t[`actg_${group}`];
}
