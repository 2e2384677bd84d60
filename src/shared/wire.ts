/**
 * Wire shapes shared by the device and the endpoint: one valibot schema per shape,
 * so what the kiosk sends and what the endpoint accepts cannot drift apart.
 */
import * as v from 'valibot';
import { UUID_V7_RE } from './ids';
import { MOBILE_RE } from './phone';
import { TRACKING_CODE_RE } from './cases/tracking';
import { MAX_BATCH, COMMENT_MAX, SUGGESTION_MAX, SEQ_MAX } from './wire-limits';
import { NO_NUL } from './wire-text';

export { MAX_BATCH, MAX_BODY_BYTES, COMMENT_MAX, SUGGESTION_MAX, SEQ_MAX } from './wire-limits';
export { NO_NUL } from './wire-text';
export { RecordOutcomeSchema, SyncResponseSchema, type RecordOutcome, type SyncResponse } from './sync-wire';
export { EnrolResponseSchema, type EnrolResponse } from './device-wire';

const Id = v.pipe(v.string(), v.regex(UUID_V7_RE, 'must be a UUID v7'));
const ShortText = v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL);
/** No record of this product can be older than this (it did not exist); a device clock reset to 1970 is caught here. */
export const EARLIEST_WIRE_TIME = Date.UTC(2020, 0, 1);
/** Latest plausible instant for any time a device reports in ms (year 2100); the endpoint's skew rule bounds it tighter. */
export const LATEST_WIRE_MS = Date.UTC(2100, 0, 1);

const WIRE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses a strict wire time: RFC 3339 with `Z` or `±HH:MM`, a real calendar date and clock time,
 * not before 2020. Returns ms since the epoch, or null; whatever this accepts, `Date.parse` reads the same.
 */
export function parseWireTime(s: string): number | null {
  const m = WIRE_TIME_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (h > 23 || mi > 59 || sec > 59) return null;
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec, m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0) - offsetMin * 60_000;
  return ms >= EARLIEST_WIRE_TIME ? ms : null;
}

/** A record's device time on the wire (see parseWireTime); the future is judged at the endpoint against the skew bound. */
export const WireTime = v.pipe(
  v.string(),
  v.maxLength(40),
  v.check((s) => parseWireTime(s) !== null, 'must be an RFC 3339 time with Z or ±HH:MM, a real date, not before 2020'),
);
const IsoTime = WireTime;
/** A finite count a device reports (records, bytes). */
const Count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
/** An instant in ms by a device's clock: any real clock (even one reset to 1970), never 1e300. */
const DeviceMs = v.pipe(v.number(), v.minValue(0), v.maxValue(LATEST_WIRE_MS));
/** A device-clock offset in ms: a clock reset to 1970 is about 1.8e12 off, so ±1e13 covers any real device. */
const OffsetMs = v.pipe(v.number(), v.minValue(-1e13), v.maxValue(1e13));
/** Bytes of storage a device reports. */
const Bytes = v.pipe(v.number(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const Rev = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
const Seq = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(SEQ_MAX, `must be at most ${SEQ_MAX}`));
/** Where a rating was given: at a window's kiosk, or on a phone from a QR code. */
export const CHANNELS = ['kiosk', 'qr'] as const;
const Channel = v.picklist(CHANNELS);
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
  reasons: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40), NO_NUL)), v.maxLength(20)),
  comment: v.optional(v.pipe(v.string(), v.maxLength(COMMENT_MAX), NO_NUL)),
  phone: v.optional(v.pipe(v.string(), v.regex(MOBILE_RE, 'must be a mainland mobile number'))),
  deviceTime: IsoTime,
  channel: Channel,
  suspect: v.optional(v.boolean(), false),
  suspectReason: v.optional(v.pipe(v.string(), v.maxLength(64), NO_NUL)),
  /** Signed QR token (phone channel). */
  token: v.optional(v.pipe(v.string(), v.maxLength(2048), NO_NUL)),
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
  text: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(SUGGESTION_MAX), NO_NUL),
  contact: v.optional(v.pipe(v.string(), v.maxLength(100), NO_NUL)),
  deviceTime: IsoTime,
  channel: Channel,
  token: v.optional(v.pipe(v.string(), v.maxLength(2048), NO_NUL)),
  trackingCode: TrackingCode,
});
export type SuggestionRecord = v.InferOutput<typeof SuggestionRecordSchema>;

export const SyncRecordSchema = v.variant('type', [ResponseRecordSchema, SuggestionRecordSchema]);
export type SyncRecord = v.InferOutput<typeof SyncRecordSchema>;

/** The batch envelope; records are validated one by one so one bad record never sinks the rest. */
export const SyncRequestSchema = v.object({
  deviceId: v.optional(v.pipe(v.string(), v.maxLength(64), NO_NUL)),
  /** Device clock minus endpoint clock, in ms, as the device estimates it. */
  clockOffsetMs: v.optional(OffsetMs),
  /** The device clock when this batch was sent (ms): lets the endpoint judge the clock even on a first batch (any finite ms: a wrong clock is what it reveals). */
  sentAt: v.optional(DeviceMs),
  records: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH, `at most ${MAX_BATCH} records per batch`)),
});
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;

/**
 * Why a record was refused, as a code a screen can render in its language; `reason` keeps the endpoint's words
 * for logs and older devices. QR refusals (token_invalid, duplicate_case, …) are their own codes.
 */
export type RejectionCode =
  | 'invalid' | 'conflict_device' | 'conflict_payload' | 'unknown_window' | 'unknown_site' | 'wrong_site' | 'wrong_window' | 'unknown_staff' | 'unknown_reason'
  | 'channel_not_qr' | 'token_missing' | 'token_invalid' | 'token_wrong_window' | 'token_expired' | 'follow_up_mismatch' | 'duplicate_case'
  | 'case_not_rectified' | 'follow_up_needs_case_token' | 'rating_change_too_late';


export const EnrolRequestSchema = v.object({
  /** Optional with a pairing code (the code names the window); required for open enrolment. */
  windowId: v.optional(ShortText),
  code: v.optional(v.pipe(v.string(), v.maxLength(32), NO_NUL)),
  deviceId: v.optional(v.pipe(v.string(), v.maxLength(64), NO_NUL)),
});

/** Names the first failing field of a valibot result, e.g. `score` or `reasons.2`. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): { field: string; message: string } {
  const issue = issues[0];
  if (!issue) return { field: '', message: 'invalid' };
  const field = v.getDotPath(issue) ?? '';
  return { field, message: issue.message };
}

/** A kiosk's health report (POST /api/v1/heartbeat); the endpoint keeps the latest per kiosk for the fleet view. */
export const HeartbeatSchema = v.object({
  appVersion: v.pipe(v.string(), v.maxLength(64), NO_NUL),
  /** Records still in the outbox. */
  pending: Count(100_000_000),
  /** Records the endpoint rejected, kept on the device. */
  deadLetters: Count(100_000_000),
  /** Why the newest of them were rejected (at most 20). */
  deadLetterReasons: v.optional(v.pipe(v.array(v.object({
    id: v.pipe(v.string(), v.maxLength(64), NO_NUL),
    reason: v.pipe(v.string(), v.maxLength(200), NO_NUL),
    /** The refusal's code (RejectionCode) and the field at fault, absent on letters kept before the device kept them. */
    code: v.optional(v.pipe(v.string(), v.maxLength(64), NO_NUL)),
    field: v.optional(v.pipe(v.string(), v.maxLength(200), NO_NUL)),
  })), v.maxLength(20)), []),
  /** Last successful sync (ms since epoch, device clock). */
  lastSyncAt: v.nullable(DeviceMs),
  storageUsage: v.nullable(Bytes),
  storageQuota: v.nullable(Bytes),
  storageWarning: v.optional(v.boolean(), false),
  /** Device clock minus endpoint clock (ms). */
  clockOffsetMs: v.nullable(OffsetMs),
  /** The last failed save (e.g. the disk was full), so the fleet view sees it too. */
  lastSaveError: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200), NO_NUL)), null),
  /**
   * The tablet's model and browser, so the fleet view tells tablets apart. Sent by kiosks of earlier versions; the
   * endpoint now reads them from the heartbeat's User-Agent header when they are absent.
   */
  model: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(80), NO_NUL)), null),
  browser: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(80), NO_NUL)), null),
  /** Whether the kiosk page is a secure context (HTTPS or localhost): without one, no offline mode, no presence QR, no PIN check. */
  secureContext: v.optional(v.nullable(v.boolean()), null),
});
/** A heartbeat as a kiosk sends it (fields with defaults may be left out). */
export type Heartbeat = v.InferInput<typeof HeartbeatSchema>;

/**
 * The endpoint's answer to a heartbeat: its clock, the kiosk's sequence gaps, and the window the kiosk serves now,
 * which an admin's Move may have changed since the kiosk was enrolled.
 */
export const HeartbeatAnswerSchema = v.object({
  ok: v.literal(true),
  serverTime: v.string(),
  seqMissing: v.number(),
  seqUnexplained: v.number(),
  windowId: ShortText,
});
export type HeartbeatAnswer = v.InferOutput<typeof HeartbeatAnswerSchema>;
