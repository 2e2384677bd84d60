/** Wire shape of the endpoint's answer to a kiosk's sync batch (loaded with the sync engine, not at the kiosk's start). */
import * as v from 'valibot';

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
