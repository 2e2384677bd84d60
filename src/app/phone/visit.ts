/**
 * A phone's visit to a window: the rating made on this phone a moment ago, and the step its survey had reached.
 * A reload (or the same code opened again) within the visit goes on with that rating instead of asking for a
 * second one, which the endpoint would store as a repeat from the same phone and leave out of the statistics.
 */
import type { KioskDatabase } from '../../device/store/db';
import { getMeta } from '../../device/store/meta';
import { saveRecord } from '../../device/store/records';
import { ratedCaseKey } from '../../device/recorder';
import { isBad } from '../../shared/scale';
import type { SurveyPatch } from '../../shared/survey';
import type { TokenClaims } from '../../shared/token';
import type { ResponseRecord } from '../../shared/wire';
import type { SaveOutcome, SurveyScreen } from '../kiosk/survey/types';

/** As long as the endpoint's "same phone again" rule looks back (PHONE_REPEAT_MS): a later rating is a new visit. */
export const VISIT_MS = 10 * 60_000;

/** Where a resumed survey goes on: a bad rating's reasons, the comment, or "already rated" (finished). */
export type VisitStep = 'reasons' | 'comment' | 'rated';

export interface Visit {
  record: ResponseRecord;
  step: VisitStep;
  /** The rating of the case this code names (一事一评), not of the window. */
  fromCase: boolean;
}

/** The step last shown, kept per window in localStorage (it outlives an evicted tab); `at` ties it to the rating before it. */
interface StepNote { step: VisitStep; at: number }

const noteKey = (windowId: string): string => `phone-visit:${windowId}`;

/** Remembers the survey screen just shown, so a reload can go on from it. */
export function noteStep(windowId: string, screen: SurveyScreen, now: number): void {
  const step: VisitStep | null = screen === 'reasons' || screen === 'comment' ? screen : screen === 'thanks' ? 'rated' : null;
  if (!step) return; // the faces come before the rating; a failed save has nothing to go on with
  try {
    localStorage.setItem(noteKey(windowId), JSON.stringify({ step, at: now } satisfies StepNote));
  } catch {
    // storage blocked (private mode): a reload goes on from what the saved record shows
  }
}

function readNote(windowId: string): StepNote | null {
  try {
    const raw = localStorage.getItem(noteKey(windowId));
    return raw ? (JSON.parse(raw) as StepNote) : null;
  } catch {
    return null; // blocked or unreadable: the record alone decides
  }
}

/** The step a visit goes on at: the one last shown after this rating, else what the record still lacks. */
export function stepOf(record: ResponseRecord, note: StepNote | null): VisitStep {
  if (note && note.at >= Date.parse(record.deviceTime)) return note.step;
  if (isBad(record.score) && record.reasons.length === 0) return 'reasons';
  return isBad(record.score) && record.comment === undefined ? 'comment' : 'rated';
}

/**
 * The visit this page goes on with: this phone's rating of the window in the last VISIT_MS (for a case code, the
 * case's own rating), unless the endpoint refused it. Null: a new visit, rated afresh.
 */
export async function findVisit(db: KioskDatabase, claims: TokenClaims, now: number): Promise<Visit | null> {
  const since = new Date(now - VISIT_MS).toISOString();
  const caseKey = ratedCaseKey(claims);
  let record: ResponseRecord | undefined;
  if (caseKey) {
    const id = await getMeta(db, caseKey);
    const rec = id ? await db.get('responses', id) : undefined;
    record = rec && rec.deviceTime >= since ? rec : undefined;
  } else {
    // Every code of the window counts: the endpoint judges a repeat by phone and window, whichever code it carried.
    // Read here, not through records.ts: a new export there would grow the chunk the kiosk loads at start.
    record = (await db.getAllFromIndex('responses', 'byTime', IDBKeyRange.lowerBound(since))).filter((r) => r.windowId === claims.w).at(-1);
  }
  if (!record || (await db.get('deadLetters', record.id))) return null;
  return { record, step: stepOf(record, readNote(claims.w)), fromCase: caseKey !== null };
}

/**
 * Saves later steps of a resumed visit's rating: the same record, each as its next revision (made as nextRevision in
 * shared/survey makes it: importing that one line would add an export to the chunk the kiosk loads at start, at its budget).
 */
export function reviser(db: KioskDatabase, record: ResponseRecord, now: () => number, afterSave: () => void): (patch: SurveyPatch) => Promise<SaveOutcome> {
  let current = record;
  return async (patch) => {
    const saved = await saveRecord(db, { ...current, ...patch, rev: current.rev + 1 }, now(), { seq: current.seq });
    if (saved.kind !== 'saved' || saved.record.type !== 'response') return { kind: 'failed' };
    current = saved.record;
    afterSave();
    return { kind: 'saved' };
  };
}
