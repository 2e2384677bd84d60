/** How a record relates to the row stored under its id: a duplicate, a conflict, or a newer revision. */
import type { ResponseRow, SuggestionRow } from '../store';
import type { RecordOutcome, RejectionCode, SyncRecord } from '../../shared/wire';

export type Stored = Pick<ResponseRow | SuggestionRow, 'rev' | 'payload_hash' | 'kiosk_id' | 'device_id'>;

/** Who sends a batch, as stored with its records: a kiosk's id, or a phone's device id. */
export interface Owner { kiosk_id: string | null; device_id: string | null }

type Rejection = { id: string; status: 'rejected'; reason: string; field?: string; code: RejectionCode };

/** A refused record: its code for screens, the endpoint's words for logs, the field at fault. */
export function reject(id: unknown, code: RejectionCode, reason: string, field?: string): Rejection {
  const out: Rejection = { id: typeof id === 'string' ? id : '', status: 'rejected', reason, code };
  if (field !== undefined) out.field = field;
  return out;
}

/** The answer for a record whose id is stored already, or 'update' when it is a later revision to apply. */
export function outcomeAgainst(ex: Stored, rec: SyncRecord, hash: string, owner: Owner): RecordOutcome | 'update' {
  // A record is its maker's: another kiosk, or another phone, may not revise it (a phone's records stored before
  // device ids were kept have none and stay open to the phone route, as before).
  const otherPhone = owner.device_id !== null && (ex.device_id ?? null) !== null && ex.device_id !== owner.device_id;
  if (ex.kiosk_id !== owner.kiosk_id || otherPhone) return reject(rec.id, 'conflict_device', 'conflict: this id belongs to another device', 'id');
  if (rec.rev < ex.rev) return { id: rec.id, status: 'duplicate' }; // an older step of a survey already superseded
  if (rec.rev === ex.rev) {
    return ex.payload_hash === hash ? { id: rec.id, status: 'duplicate' } : reject(rec.id, 'conflict_payload', 'conflict: same id and revision with a different payload', 'id');
  }
  return 'update';
}

/** A later survey step: rating, reasons, comment and phone may change; when and where it was received stays; suspect sticks. */
export function mergeResponse(previous: ResponseRow, next: ResponseRow): ResponseRow {
  return {
    ...previous, rev: next.rev, payload_hash: next.payload_hash, staff_id: next.staff_id, score: next.score, reasons: next.reasons,
    comment: next.comment, phone: next.phone, suspect: Math.max(previous.suspect, next.suspect),
    flags: [...new Set([...previous.flags.split(' '), ...next.flags.split(' ')].filter(Boolean))].join(' '),
  };
}

/** A later step of a suggestion: category, text and contact may change. */
export function mergeSuggestion(previous: SuggestionRow, next: SuggestionRow): SuggestionRow {
  return { ...previous, rev: next.rev, payload_hash: next.payload_hash, category: next.category, text: next.text, contact: next.contact };
}
