/**
 * Wire shapes the endpoint answers a kiosk with (beside wire.ts, which re-exports the sync and enrolment
 * answers): kept apart from the record schemas so the kiosk's start does not load those.
 */
import * as v from 'valibot';

/** GET /api/v1/qr/presence-key: the kiosk's own key for signing presence codes of its window. */
export const PresenceKeySchema = v.object({ kid: v.string(), key: v.string(), windowId: v.string() });
export type PresenceKey = v.InferOutput<typeof PresenceKeySchema>;

/** GET /api/v1/qr/presence-token: a presence token signed by the endpoint, for a kiosk without WebCrypto. */
export const PresenceTokenSchema = v.object({ windowId: v.string(), token: v.string(), url: v.string(), expiresAt: v.string() });
export type PresenceToken = v.InferOutput<typeof PresenceTokenSchema>;

/** One staff member's PIN verifier: `pbkdf2-sha256$iterations$salt$hash`, base64url. */
export const PinVerifierSchema = v.object({ staffId: v.string(), staffNumber: v.string(), pinHash: v.string() });
export type PinVerifier = v.InferOutput<typeof PinVerifierSchema>;

/** GET /api/v1/staff/verifiers. */
export const PinVerifiersSchema = v.object({ verifiers: v.array(PinVerifierSchema) });

/** POST /api/v1/staff/sign-in: a staff number and PIN, checked by the endpoint when the kiosk can reach it. */
export const StaffSignInRequestSchema = v.object({
  staffNumber: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(32), v.regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')),
  pin: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64)),
});
/** Its answer when the PIN was checked; too many wrong ones are a 429 with `retryAfterSeconds` instead. */
export const StaffSignInAnswerSchema = v.variant('kind', [
  v.object({ kind: v.literal('ok'), staffId: v.string() }),
  v.object({ kind: v.literal('wrong') }),
]);
export type StaffSignInAnswer = v.InferOutput<typeof StaffSignInAnswerSchema>;

/** POST /api/v1/sync: one outcome per record sent. */
export type RecordOutcome =
  | { id: string; status: 'stored' }
  | { id: string; status: 'duplicate' }
  | { id: string; status: 'rejected'; reason: string; field?: string; code?: string };

export const RecordOutcomeSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('stored') }),
  v.object({ id: v.string(), status: v.literal('duplicate') }),
  v.object({ id: v.string(), status: v.literal('rejected'), reason: v.string(), field: v.optional(v.string()), code: v.optional(v.string()) }),
]);

export const SyncResponseSchema = v.object({
  results: v.array(RecordOutcomeSchema),
  serverTime: v.string(),
});
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;

/** POST /api/v1/enrol. */
export const EnrolResponseSchema = v.object({
  deviceId: v.string(),
  token: v.string(),
  windowId: v.string(),
  siteId: v.string(),
});
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;
