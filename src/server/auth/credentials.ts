/**
 * Which credential every API route accepts, in one list that tests/server/routes-matrix.test.ts walks
 * against the routes createApp registers. A route missing here fails that test.
 */
import type { Role } from './users';

export type Credential =
  /** Anyone: public data or the sign-in form. */
  | { kind: 'public' }
  /** An enrolled, unrevoked kiosk's device token (Authorization: Bearer). */
  | { kind: 'device' }
  /** A pairing code from an admin (or nothing on an open-enrolment demo site outside production). */
  | { kind: 'pairing_code' }
  /** A signed QR token carried in each record (phones). */
  | { kind: 'qr_token' }
  /** A live display token for the site in the path (Authorization: Bearer), for the public big screen. */
  | { kind: 'display_token' }
  /** A session cookie of one of these roles; writes also need the CSRF header. */
  | { kind: 'session'; roles: readonly Role[] }
  /**
   * A session cookie of one of these roles and the CSRF token in the form body (`csrf`, url-encoded): a personal-data
   * download, which the browser saves from a form post and which therefore cannot send the header.
   */
  | { kind: 'session_form'; roles: readonly Role[] }
  /** Either a session of one of these roles (+ CSRF on writes) or a kiosk's device token. */
  | { kind: 'session_or_device'; roles: readonly Role[] }
  /**
   * Who may issue a case code: a session of these roles (+ CSRF), a queue or receipt system's integration key
   * (`Authorization: Bearer ik_…`, its hall's windows), or a kiosk's device token (its own window).
   */
  | { kind: 'case_issuer'; roles: readonly Role[] };

const ANY_USER: Credential = { kind: 'session', roles: ['admin', 'supervisor', 'staff'] };
const ADMIN: Credential = { kind: 'session', roles: ['admin'] };
const ADMIN_SUPERVISOR: Credential = { kind: 'session', roles: ['admin', 'supervisor'] };
const ADMIN_FORM: Credential = { kind: 'session_form', roles: ['admin'] };

/** `METHOD /path` (as Hono registers it) → the credential it accepts. */
export const ROUTE_CREDENTIALS: Readonly<Record<string, Credential>> = {
  'GET /api/v1/health': { kind: 'public' },
  'GET /api/v1/ready': { kind: 'public' },
  'GET /api/v1/setup/ca': { kind: 'public' },
  'GET /api/v1/alerts': ANY_USER, // staff: the alerts addressed to them
  'GET /api/v1/alerts/unread': ANY_USER,
  'POST /api/v1/alerts/:id/ack': ANY_USER,
  'GET /api/v1/admin/alert-channels': ADMIN,
  'PUT /api/v1/admin/alert-channels/:id': ADMIN,
  'DELETE /api/v1/admin/alert-channels/:id': ADMIN,
  'POST /api/v1/admin/alert-channels/:id/test': ADMIN,
  'GET /api/v1/admin/alert-deliveries': ADMIN,
  'POST /api/v1/admin/alert-deliveries/:id/resend': ADMIN,
  'POST /api/v1/auth/login': { kind: 'public' },
  'POST /api/v1/auth/logout': ANY_USER,
  'GET /api/v1/auth/me': ANY_USER,
  'POST /api/v1/enrol': { kind: 'pairing_code' },
  'POST /api/v1/sync': { kind: 'device' },
  'GET /api/v1/config/:windowId': { kind: 'public' },
  'GET /api/v1/windows': { kind: 'public' },
  'POST /api/v1/heartbeat': { kind: 'device' },
  'GET /api/v1/staff/verifiers': { kind: 'device' },
  'POST /api/v1/staff/sign-in': { kind: 'device' },
  'POST /api/v1/qr/case': { kind: 'case_issuer', roles: ['admin'] },
  'POST /api/v1/qr/case/:caseNo/rectified': ADMIN,
  'GET /api/v1/qr/posters': ADMIN,
  'POST /api/v1/qr/rotate': ADMIN,
  'GET /api/v1/qr/presence-key': { kind: 'device' },
  'GET /api/v1/qr/presence-token': { kind: 'device' },
  'POST /api/v1/q/sync': { kind: 'qr_token' },
  'GET /api/v1/q/case-status': { kind: 'qr_token' },
  'GET /api/v1/stats/subjects': ANY_USER,
  'GET /api/v1/stats/daily': ANY_USER,
  'GET /api/v1/stats/ranking': ANY_USER,
  'GET /api/v1/stats/heatmap': ANY_USER,
  'GET /api/v1/stats/reasons': ANY_USER,
  'GET /api/v1/stats/feedback': ANY_USER,
  'GET /api/v1/stats/feedback/:kind/:id': ANY_USER,
  'GET /api/v1/stats/month': ANY_USER,
  'GET /api/v1/stats/month.csv': ANY_USER,
  'GET /api/v1/insights/compare': ANY_USER,
  'GET /api/v1/insights/warnings': ANY_USER,
  'GET /api/v1/insights/comments': ANY_USER,
  'GET /api/v1/insights/themes': ANY_USER,
  'POST /api/v1/insights/corrections': ADMIN_SUPERVISOR,
  'GET /api/v1/insights/bulletin': ADMIN_SUPERVISOR,
  'GET /api/v1/display/:siteId': { kind: 'display_token' },
  'GET /api/v1/display-tokens': ADMIN,
  'POST /api/v1/display-tokens': ADMIN,
  'POST /api/v1/display-tokens/:id/revoke': ADMIN,
  'GET /api/v1/export/responses.csv': ADMIN_SUPERVISOR,
  'GET /api/v1/export/responses.jsonl': ADMIN_SUPERVISOR,
  'GET /api/v1/export/suggestions.csv': ADMIN_SUPERVISOR,
  'GET /api/v1/export/suggestions.jsonl': ADMIN_SUPERVISOR,
  'GET /api/v1/export/responses.xlsx': ADMIN_SUPERVISOR,
  'GET /api/v1/export/suggestions.xlsx': ADMIN_SUPERVISOR,
  'GET /api/v1/export/daily.csv': ADMIN_SUPERVISOR,
  'GET /api/v1/export/daily.jsonl': ADMIN_SUPERVISOR,
  // Personal data (phones and contacts unmasked): the reason and the CSRF token in the form body, never in the URL.
  'POST /api/v1/export/responses.csv': ADMIN_FORM,
  'POST /api/v1/export/responses.jsonl': ADMIN_FORM,
  'POST /api/v1/export/responses.xlsx': ADMIN_FORM,
  'POST /api/v1/export/suggestions.csv': ADMIN_FORM,
  'POST /api/v1/export/suggestions.jsonl': ADMIN_FORM,
  'POST /api/v1/export/suggestions.xlsx': ADMIN_FORM,
  'GET /api/v1/admin/users': ADMIN,
  'POST /api/v1/admin/users': ADMIN,
  'PATCH /api/v1/admin/users/:id': ADMIN,
  'POST /api/v1/admin/users/unlock': ADMIN,
  'GET /api/v1/admin/kiosks': ADMIN,
  'POST /api/v1/admin/kiosks/pairing-codes': ADMIN,
  'POST /api/v1/admin/kiosks/:id/revoke': ADMIN,
  'POST /api/v1/admin/kiosks/:id/move': ADMIN,
  'GET /api/v1/admin/audit': ADMIN,
  'GET /api/v1/admin/audit.csv': ADMIN,
  'POST /api/v1/admin/purge': ADMIN,
  'GET /api/v1/admin/integration-keys': ADMIN,
  'POST /api/v1/admin/integration-keys': ADMIN,
  'POST /api/v1/admin/integration-keys/:id/revoke': ADMIN,
  // Follow-up (差评闭环)
  'GET /api/v1/cases': ANY_USER,
  'POST /api/v1/cases': ADMIN_SUPERVISOR,
  'GET /api/v1/cases/:number': ANY_USER,
  'POST /api/v1/cases/:number/steps': ANY_USER,
  'POST /api/v1/cases/:number/reveal': ANY_USER,
  'POST /api/v1/cases/:number/followup-qr': ADMIN_SUPERVISOR,
  'GET /api/v1/cases/:number/assignees': ADMIN_SUPERVISOR,
  'GET /api/v1/case-figures': ADMIN_SUPERVISOR,
  'GET /api/v1/cases.csv': ADMIN_SUPERVISOR,
  'POST /api/v1/cases.csv': ADMIN_FORM, // phones unmasked, as the export above
  'GET /api/v1/vetoes': ADMIN_SUPERVISOR,
  'POST /api/v1/vetoes/:id/lift': ADMIN,
  'GET /api/v1/track/:code': { kind: 'public' },
};

/** A short human label, e.g. for docs: `session: admin, supervisor`. */
export function describeCredential(c: Credential): string {
  if (c.kind === 'session') return `session: ${c.roles.join(', ')}`;
  if (c.kind === 'session_form') return `session: ${c.roles.join(', ')}, CSRF token in the form body`;
  if (c.kind === 'session_or_device') return `session: ${c.roles.join(', ')}, or device token`;
  if (c.kind === 'case_issuer') return `session: ${c.roles.join(', ')}, integration key, or device token`;
  return c.kind.replace('_', ' ');
}
