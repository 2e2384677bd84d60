/** How a record relates to the row stored under its id: a duplicate, a conflict, or a newer revision. */
import type { ResponseRow, SuggestionRow } from '../store';
import type { RecordOutcome, SyncRecord } from '../../shared/wire';

export type Stored = Pick<ResponseRow | SuggestionRow, 'rev' | 'payload_hash' | 'kiosk_id'>;

type Rejection = { id: string; status: 'rejected'; reason: string; field?: string };

export function reject(id: unknown, reason: string, field?: string): Rejection {
  const out: Rejection = { id: typeof id === 'string' ? id : '', status: 'rejected', reason };
  if (field !== undefined) out.field = field;
  return out;
}

/** The answer for a record whose id is stored already, or 'update' when it is a later revision to apply. */
export function outcomeAgainst(ex: Stored, rec: SyncRecord, hash: string, kioskId: string | null): RecordOutcome | 'update' {
  if (ex.kiosk_id !== kioskId) return reject(rec.id, 'conflict: this id belongs to another device', 'id');
  if (rec.rev < ex.rev) return { id: rec.id, status: 'duplicate' }; // an older step of a survey already superseded
  if (rec.rev === ex.rev) {
    return ex.payload_hash === hash ? { id: rec.id, status: 'duplicate' } : reject(rec.id, 'conflict: same id and revision with a different payload', 'id');
  }
  return 'update';
}

/** A later survey step: rating, reasons, comment and phone may change; when and where it was received stays; suspect sticks. */
export function mergeResponse(previous: ResponseRow, next: ResponseRow): ResponseRow {
  return {
    ...previous, rev: next.rev, payload_hash: next.payload_hash, staff_id: next.staff_id, score: next.score, reasons: next.reasons,
    comment: next.comment, phone: next.phone, suspect: Math.max(previous.suspect, next.suspect),
  };
}

/** A later step of a suggestion: category, text and contact may change. */
export function mergeSuggestion(previous: SuggestionRow, next: SuggestionRow): SuggestionRow {
  return { ...previous, rev: next.rev, payload_hash: next.payload_hash, category: next.category, text: next.text, contact: next.contact };
}
