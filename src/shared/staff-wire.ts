/** Wire shapes of staff sign-in at a kiosk: PIN verifiers for offline sign-in, and the endpoint's PIN check. */
import * as v from 'valibot';
import { NO_NUL } from './wire-text';

/** One staff member's PIN verifier: `pbkdf2-sha256$iterations$salt$hash`, base64url. */
export const PinVerifierSchema = v.object({ staffId: v.string(), staffNumber: v.string(), pinHash: v.string() });
export type PinVerifier = v.InferOutput<typeof PinVerifierSchema>;

/** GET /api/v1/staff/verifiers. */
export const PinVerifiersSchema = v.object({ verifiers: v.array(PinVerifierSchema) });

/** POST /api/v1/staff/sign-in: a staff number and PIN, checked by the endpoint when the kiosk can reach it. */
export const StaffSignInRequestSchema = v.object({
  staffNumber: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(32), v.regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')),
  pin: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64), NO_NUL),
});
/** Its answer when the PIN was checked; too many wrong ones are a 429 with `retryAfterSeconds` instead. */
export const StaffSignInAnswerSchema = v.variant('kind', [
  v.object({ kind: v.literal('ok'), staffId: v.string() }),
  v.object({ kind: v.literal('wrong') }),
]);
export type StaffSignInAnswer = v.InferOutput<typeof StaffSignInAnswerSchema>;
