/** Wire shape of GET /api/v1/setup/ca: the hall CA a tablet installs (the setup page reads it). */
import * as v from 'valibot';

export const SetupCaSchema = v.variant('available', [
  v.object({ available: v.literal(false) }),
  v.object({
    available: v.literal(true),
    /** Where to download the PEM certificate (served as application/x-x509-ca-cert). */
    downloadPath: v.string(),
    /** SHA-256 fingerprint, colon-separated hex, as Android and iOS show it. */
    fingerprint: v.string(),
    subject: v.string(),
    validTo: v.string(),
  }),
]);
export type SetupCa = v.InferOutput<typeof SetupCaSchema>;
