/**
 * Wire shapes a kiosk fetches for itself besides sync and enrolment (beside wire.ts): its presence-code key
 * and its site's staff PIN verifiers. Checked on the device before they are cached for offline use.
 */
import * as v from 'valibot';

/** GET /api/v1/qr/presence-key: the kiosk's own key for signing presence codes of its window. */
export const PresenceKeySchema = v.object({ kid: v.string(), key: v.string(), windowId: v.string() });
export type PresenceKey = v.InferOutput<typeof PresenceKeySchema>;

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
