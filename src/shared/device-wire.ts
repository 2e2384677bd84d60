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
