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

/** How routes-bad-input.test.ts mutates a field: leaves it out, or replaces it by one of these. */
export type Mutated =
  | 'left out' | 'null' | 'a number' | 'a string' | 'a 100,000-character string' | 'an object' | 'an array' | 'true'
  | 'a string with a NUL' | 'the number as a string';
/** Per field (`deadLetterReasons.0.code` inside an array), the mutations of it that are valid input. */
export type ValidInput = Readonly<Record<string, readonly Mutated[]>>;

/**
 * The mutations of a JSON body's fields that its schema accepts: the route must take them with its documented status,
 * and refuse every other with a 4xx naming the field. An OPTIONAL field left out is valid input too, without a line here.
 */
export const VALID: Readonly<Record<string, ValidInput>> = {
  // PatchUserSchema (src/shared/api/admin.ts): every field is optional; disabled is any boolean.
  'PATCH /api/v1/admin/users/:id': { disabled: ['left out', 'true'] },
  // NewUserSchema: staffId is optional and nullable (a user who is no staff member).
  'POST /api/v1/admin/users': { staffId: ['null'] },
  // UnlockSchema (src/server/routes/admin.ts): any user name of 1–64 characters, known or not.
  'POST /api/v1/admin/users/unlock': { username: ['a string'] },
  // PairingRequestSchema: any name up to 64 characters.
  'POST /api/v1/admin/kiosks/pairing-codes': { name: ['a string'] },
  // NewIntegrationKeySchema and NewDisplayTokenSchema (src/shared/api/display.ts): any label of 1–80 characters.
  'POST /api/v1/admin/integration-keys': { label: ['a string'] },
  'POST /api/v1/display-tokens': { label: ['a string'] },
  // AlertChannelBodySchema (src/shared/alerts/wire.ts): a name of 1–80 characters; secret, recipients and kinds nullable.
  'PUT /api/v1/admin/alert-channels/:id': { name: ['a string'], secret: ['null', 'a string'], recipients: ['null'], kinds: ['null'] },
  // PromoteSchema (src/shared/cases/wire.ts): category defaults to general; a note is any text up to 1,000 characters.
  'POST /api/v1/cases': { category: ['left out'], note: ['a string'] },
  // CaseCommandSchema and LiftVetoSchema: a note or reason of 1–1,000 characters.
  'POST /api/v1/cases/:number/steps': { note: ['a string'] },
  'POST /api/v1/vetoes/:id/lift': { reason: ['a string'] },
  // EnrolRequestSchema (src/shared/wire.ts): any device id up to 64 characters.
  'POST /api/v1/enrol': { deviceId: ['a string'] },
  // StaffSignInRequestSchema (src/shared/staff-wire.ts): any number and PIN; a wrong pair is answered 200 { kind: 'wrong' }.
  'POST /api/v1/staff/sign-in': { staffNumber: ['a string'], pin: ['a string'] },
  // CaseRequestSchema (src/server/routes/qr.ts): `x` is a case number (1–64 letters, digits or - _ / .).
  'POST /api/v1/qr/case': { caseNo: ['a string'] },
  // SyncRequestSchema: records is an array of anything, each judged on its own; 42 is a clock offset and a device time.
  'POST /api/v1/sync': { records: ['an array'], deviceId: ['a string'], clockOffsetMs: ['a number'], sentAt: ['a number'] },
  'POST /api/v1/q/sync': { records: ['an array'], clockOffsetMs: ['a number'], sentAt: ['a number'] },
  // HeartbeatSchema: 42 is a count, an instant, bytes and an offset; those figures are nullable, and so are the
  // save error, model, browser and secure context; the texts are any text up to their maximum.
  'POST /api/v1/heartbeat': {
    appVersion: ['a string'], pending: ['a number'], deadLetters: ['a number'], lastSyncAt: ['null', 'a number'], storageUsage: ['null', 'a number'],
    storageQuota: ['null', 'a number'], clockOffsetMs: ['null', 'a number'], storageWarning: ['true'], lastSaveError: ['null', 'a string'],
    model: ['null', 'a string'], browser: ['null', 'a string'], secureContext: ['null', 'true'],
    'deadLetterReasons.0.id': ['a string'], 'deadLetterReasons.0.reason': ['a string'],
    'deadLetterReasons.0.code': ['left out', 'a string'], 'deadLetterReasons.0.field': ['left out', 'a string'],
  },
};

/**
 * The mutations of a batch record's fields that its schema accepts (ResponseRecordSchema, SuggestionRecordSchema in
 * src/shared/wire.ts), by record type: such a record is stored; any other mutation is rejected naming the field.
 */
const EITHER_RECORD: ValidInput = {
  // 42 is a revision (0–10,000) and a sequence number (0–2^31−1); staffId is null with no one signed in; the tracking code is optional.
  rev: ['a number'], seq: ['a number'], staffId: ['null'], trackingCode: ['left out'],
};
export const VALID_RECORD: Readonly<Record<string, ValidInput>> = {
  // scale defaults to 5; comment (up to 500 characters), phone, suspect and followUp are optional, the flags any boolean.
  response: { ...EITHER_RECORD, scale: ['left out'], comment: ['left out', 'a string'], phone: ['left out'], suspect: ['left out', 'true'], followUp: ['left out', 'true'] },
  // The text is any text of 1–500 characters; contact is optional, any text up to 100.
  suggestion: { ...EITHER_RECORD, text: ['a string'], contact: ['left out', 'a string'] },
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
