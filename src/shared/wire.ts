/**
 * Wire shapes shared by the device and the endpoint: one valibot schema per shape,
 * so what the kiosk sends and what the endpoint accepts cannot drift apart.
 */
import * as v from 'valibot';
import { UUID_V7_RE } from './ids';
import { MOBILE_RE } from './phone';
import { TRACKING_CODE_RE } from './cases/tracking';

export const MAX_BATCH = 200;
export const MAX_BODY_BYTES = 1_000_000;
export const COMMENT_MAX = 500;
export const SUGGESTION_MAX = 500;

const Id = v.pipe(v.string(), v.regex(UUID_V7_RE, 'must be a UUID v7'));
const ShortText = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IsoTime = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp'));
const Rev = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
const Seq = v.pipe(v.number(), v.integer(), v.minValue(0));
const Channel = v.picklist(['kiosk', 'qr']);
/** The citizen's case tracking code, made on the device with a bad review or a complaint. */
const TrackingCode = v.optional(v.pipe(v.string(), v.regex(TRACKING_CODE_RE, 'must be 16 Crockford base32 characters')));

export const ResponseRecordSchema = v.object({
  type: v.literal('response'),
  id: Id,
  /** Revision: each later survey step re-sends the same id with a higher rev. */
  rev: Rev,
  /** Per-device sequence number, so the endpoint can see a gap. */
  seq: Seq,
  windowId: ShortText,
  staffId: v.nullable(ShortText),
  score: v.picklist([1, 2, 3, 4, 5]),
  scale: v.optional(v.picklist([3, 4, 5]), 5),
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20)),
  comment: v.optional(v.pipe(v.string(), v.maxLength(COMMENT_MAX))),
  phone: v.optional(v.pipe(v.string(), v.regex(MOBILE_RE, 'must be a mainland mobile number'))),
  deviceTime: IsoTime,
  channel: Channel,
  suspect: v.optional(v.boolean(), false),
  suspectReason: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** Signed QR token (phone channel). */
  token: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  /** 二次评价: a follow-up rating of a rectified case. */
  followUp: v.optional(v.boolean(), false),
  trackingCode: TrackingCode,
});
export type ResponseRecord = v.InferOutput<typeof ResponseRecordSchema>;

export const SUGGESTION_CATEGORIES = ['suggestion', 'complaint', 'praise', 'question'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

export const SuggestionRecordSchema = v.object({
  type: v.literal('suggestion'),
  id: Id,
  rev: Rev,
  seq: Seq,
  windowId: ShortText,
  staffId: v.nullable(ShortText),
  category: v.picklist(SUGGESTION_CATEGORIES),
  text: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(SUGGESTION_MAX)),
  contact: v.optional(v.pipe(v.string(), v.maxLength(100))),
  deviceTime: IsoTime,
  channel: Channel,
  token: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  trackingCode: TrackingCode,
});
export type SuggestionRecord = v.InferOutput<typeof SuggestionRecordSchema>;

export const SyncRecordSchema = v.variant('type', [ResponseRecordSchema, SuggestionRecordSchema]);
export type SyncRecord = v.InferOutput<typeof SyncRecordSchema>;

/** The batch envelope; records are validated one by one so one bad record never sinks the rest. */
export const SyncRequestSchema = v.object({
  deviceId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** Device clock minus endpoint clock, in ms, as the device estimates it. */
  clockOffsetMs: v.optional(v.number()),
  /** The device clock when this batch was sent (ms): lets the endpoint judge the clock even on a first batch. */
  sentAt: v.optional(v.number()),
  records: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH, `at most ${MAX_BATCH} records per batch`)),
});
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;

export type RecordOutcome =
  | { id: string; status: 'stored' }
  | { id: string; status: 'duplicate' }
  | { id: string; status: 'rejected'; reason: string; field?: string };

export const RecordOutcomeSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('stored') }),
  v.object({ id: v.string(), status: v.literal('duplicate') }),
  v.object({ id: v.string(), status: v.literal('rejected'), reason: v.string(), field: v.optional(v.string()) }),
]);

export const SyncResponseSchema = v.object({
  results: v.array(RecordOutcomeSchema),
  serverTime: v.string(),
});
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;

export const EnrolRequestSchema = v.object({
  /** Optional with a pairing code (the code names the window); required for open enrolment. */
  windowId: v.optional(ShortText),
  code: v.optional(v.pipe(v.string(), v.maxLength(32))),
  deviceId: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export const EnrolResponseSchema = v.object({
  deviceId: v.string(),
  token: v.string(),
  windowId: v.string(),
  siteId: v.string(),
});
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;

/** Names the first failing field of a valibot result, e.g. `score` or `reasons.2`. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): { field: string; message: string } {
  const issue = issues[0];
  if (!issue) return { field: '', message: 'invalid' };
  const field = v.getDotPath(issue) ?? '';
  return { field, message: issue.message };
}

/** A kiosk's health report (POST /api/v1/heartbeat); the endpoint keeps the latest per kiosk for the fleet view. */
export const HeartbeatSchema = v.object({
  appVersion: v.pipe(v.string(), v.maxLength(64)),
  /** Records still in the outbox. */
  pending: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Records the endpoint rejected, kept on the device. */
  deadLetters: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Why the newest of them were rejected (at most 20). */
  deadLetterReasons: v.optional(v.pipe(v.array(v.object({ id: v.pipe(v.string(), v.maxLength(64)), reason: v.pipe(v.string(), v.maxLength(200)) })), v.maxLength(20)), []),
  /** Last successful sync (ms since epoch, device clock). */
  lastSyncAt: v.nullable(v.number()),
  storageUsage: v.nullable(v.number()),
  storageQuota: v.nullable(v.number()),
  storageWarning: v.optional(v.boolean(), false),
  /** Device clock minus endpoint clock (ms). */
  clockOffsetMs: v.nullable(v.number()),
  /** The last failed save (e.g. the disk was full), so the fleet view sees it too. */
  lastSaveError: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))), null),
});
export type Heartbeat = v.InferOutput<typeof HeartbeatSchema>;
