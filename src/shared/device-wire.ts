/**
 * Wire shapes the endpoint answers a kiosk with at its start (beside wire.ts, which re-exports the sync and
 * enrolment answers): kept apart from the record schemas, and from what the kiosk needs only later
 * (staff-wire.ts, sync-wire.ts), so the kiosk's start does not load those.
 */
import * as v from 'valibot';

/** GET /api/v1/qr/presence-key: the kiosk's own key for signing presence codes of its window. */
export const PresenceKeySchema = v.object({ kid: v.string(), key: v.string(), windowId: v.string() });
export type PresenceKey = v.InferOutput<typeof PresenceKeySchema>;

/** GET /api/v1/qr/presence-token: a presence token signed by the endpoint, for a kiosk without WebCrypto. */
export const PresenceTokenSchema = v.object({ windowId: v.string(), token: v.string(), url: v.string(), expiresAt: v.string() });
export type PresenceToken = v.InferOutput<typeof PresenceTokenSchema>;

/** POST /api/v1/enrol. */
export const EnrolResponseSchema = v.object({
  deviceId: v.string(),
  token: v.string(),
  windowId: v.string(),
  siteId: v.string(),
});
export type EnrolResponse = v.InferOutput<typeof EnrolResponseSchema>;
