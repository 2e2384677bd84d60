/**
 * What each API route reads, for tests/server/routes-bad-input.test.ts: the optional fields of its JSON body, whether
 * it is a batch of records or reads no body at all, and the query parameters of each GET route with what they hold.
 */
import { badReview, complaint } from './cases-kit';
import { posterToken } from './routes-kit';

export type Body = Record<string, unknown>;

/** Optional fields added to a route's success body (routes-kit.ts), so that their malformed values are tried too. */
export const OPTIONAL: Readonly<Record<string, Body>> = {
  'POST /api/v1/sync': { deviceId: 'tablet-w01', clockOffsetMs: 0, sentAt: Date.now() },
  'POST /api/v1/q/sync': { clockOffsetMs: 0, sentAt: Date.now() },
  'POST /api/v1/enrol': { windowId: 'w03', deviceId: 'tablet-w03' },
  'POST /api/v1/heartbeat': {
    deadLetterReasons: [{ id: 'r-1', reason: 'invalid score', code: 'invalid', field: 'score' }], storageWarning: false,
    lastSaveError: null, model: 'iPad (9th generation)', browser: 'Safari 17', secureContext: true,
  },
  'POST /api/v1/admin/kiosks/pairing-codes': { name: '一号窗平板' },
  'POST /api/v1/admin/users': { sites: ['demo'], staffId: 's1002' },
  'PATCH /api/v1/admin/users/:id': { role: 'staff', sites: ['demo'] },
  'PUT /api/v1/admin/alert-channels/:id': { secret: 'hook-secret', recipients: 'supervisor', lang: 'en', kinds: ['case_overdue'] },
  'POST /api/v1/qr/case': { followUp: false },
  'POST /api/v1/cases': { note: '主动跟进' },
};

/** Writes that read no body: what they act on is in the path or the session. */
export const NO_BODY = new Set([
  'POST /api/v1/auth/logout', 'POST /api/v1/admin/purge', 'POST /api/v1/admin/kiosks/:id/revoke', 'DELETE /api/v1/admin/alert-channels/:id',
  'POST /api/v1/admin/alert-channels/:id/test', 'POST /api/v1/admin/alert-deliveries/:id/resend', 'POST /api/v1/display-tokens/:id/revoke',
  'POST /api/v1/admin/integration-keys/:id/revoke', 'POST /api/v1/qr/case/:caseNo/rectified', 'POST /api/v1/cases/:number/reveal',
  'POST /api/v1/cases/:number/followup-qr',
]);

/** Batch routes: each record is judged on its own. A kiosk's records, and a phone's (each with its poster's token). */
export const BATCHES: Readonly<Record<string, { records: () => Promise<Array<() => Body>> }>> = {
  'POST /api/v1/sync': { records: async () => [() => badReview({ suspect: false, followUp: false }), () => complaint({ contact: '13812345678' })] },
  'POST /api/v1/q/sync': {
    records: async () => {
      const token = await posterToken('w01');
      return [() => badReview({ channel: 'qr', token }), () => complaint({ channel: 'qr', token, contact: '13812345678' })];
    },
  },
};

export type ParamKind = 'text' | 'day' | 'month' | 'flag' | 'number' | 'choice' | 'zone' | 'token';
const FILTER: Record<string, ParamKind> = { site: 'text', from: 'day', to: 'day', window: 'text', staff: 'text', suspect: 'flag' };
const EXPORT: Record<string, ParamKind> = { ...FILTER, gb: 'flag', headers: 'choice', personal: 'flag' };
const AUDIT: Record<string, ParamKind> = { from: 'day', to: 'day', action: 'text', actor: 'text', tz: 'zone' };
const CASE_RANGE: Record<string, ParamKind> = { site: 'text', from: 'day', to: 'day', month: 'month' };

/** The query parameters each GET route reads (src/server/routes, src/shared/api/query.ts), and what each holds. */
export const QUERY: Readonly<Record<string, Record<string, ParamKind>>> = {
  'GET /api/v1/stats/daily': FILTER,
  'GET /api/v1/stats/ranking': FILTER,
  'GET /api/v1/stats/heatmap': FILTER,
  'GET /api/v1/stats/reasons': FILTER,
  'GET /api/v1/stats/feedback': { ...FILTER, score: 'number', q: 'text', category: 'choice', cursor: 'token' },
  'GET /api/v1/stats/month': { ...FILTER, month: 'month' },
  'GET /api/v1/stats/month.csv': { ...FILTER, month: 'month' },
  'GET /api/v1/insights/compare': FILTER,
  'GET /api/v1/insights/warnings': { ...FILTER, asOf: 'day' },
  'GET /api/v1/insights/comments': FILTER,
  'GET /api/v1/insights/themes': FILTER,
  'GET /api/v1/insights/bulletin': { site: 'text', month: 'month' },
  'GET /api/v1/export/responses.csv': EXPORT,
  'GET /api/v1/export/responses.jsonl': EXPORT,
  'GET /api/v1/export/responses.xlsx': EXPORT,
  'GET /api/v1/export/suggestions.csv': EXPORT,
  'GET /api/v1/export/suggestions.jsonl': EXPORT,
  'GET /api/v1/export/suggestions.xlsx': EXPORT,
  'GET /api/v1/export/daily.csv': EXPORT,
  'GET /api/v1/export/daily.jsonl': EXPORT,
  'GET /api/v1/admin/audit': { ...AUDIT, before: 'number' },
  'GET /api/v1/admin/audit.csv': AUDIT,
  'GET /api/v1/admin/alert-deliveries': { status: 'choice' },
  'GET /api/v1/cases': {
    site: 'text', state: 'choice', due: 'choice', window: 'text', staff: 'text', assignee: 'text', appeal: 'choice',
    from: 'day', to: 'day', cursor: 'number', limit: 'number',
  },
  'GET /api/v1/case-figures': CASE_RANGE,
  'GET /api/v1/cases.csv': { ...CASE_RANGE, personal: 'flag' },
  'GET /api/v1/vetoes': { month: 'month' },
  'GET /api/v1/qr/presence-token': { windowId: 'text' },
  'GET /api/v1/q/case-status': { t: 'token' },
};
/** GET routes that read no query parameter. */
export const NO_QUERY = new Set([
  'GET /api/v1/health', 'GET /api/v1/ready', 'GET /api/v1/setup/ca', 'GET /api/v1/alerts', 'GET /api/v1/alerts/unread', 'GET /api/v1/admin/alert-channels',
  'GET /api/v1/auth/me', 'GET /api/v1/config/:windowId', 'GET /api/v1/windows', 'GET /api/v1/staff/verifiers', 'GET /api/v1/qr/posters',
  'GET /api/v1/qr/presence-key', 'GET /api/v1/stats/subjects', 'GET /api/v1/stats/feedback/:kind/:id', 'GET /api/v1/display/:siteId',
  'GET /api/v1/display-tokens', 'GET /api/v1/admin/users', 'GET /api/v1/admin/kiosks', 'GET /api/v1/admin/integration-keys', 'GET /api/v1/cases/:number',
  'GET /api/v1/cases/:number/assignees', 'GET /api/v1/track/:code',
]);
