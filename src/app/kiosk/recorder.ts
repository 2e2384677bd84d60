/** The kiosk's memory of the survey in progress: saves each step to IndexedDB and flags misuse. */
import type { KioskDatabase } from '../../device/store/db';
import { saveRecord } from '../../device/store/records';
import type { Site } from '../../shared/config';
import { uuidv7 } from '../../shared/ids';
import { judgeRating, pruneRatingTimes } from '../../shared/misuse';
import type { Score } from '../../shared/scale';
import { nextRevision, type SurveyPatch } from '../../shared/survey';
import type { ResponseRecord, SuggestionCategory, SuggestionRecord } from '../../shared/wire';
import type { SaveOutcome } from './survey/types';
import { isBad } from '../../shared/scale';
import { newTrackingCode } from '../../shared/cases/tracking';

export interface SuggestionEntry {
  category: SuggestionCategory;
  text: string;
  contact?: string;
}

export interface Recorder {
  /** Saves a new rating at once (rev 0), flagged when it looks like misuse. */
  rate(score: Score, staffId: string | null): Promise<SaveOutcome>;
  /** Saves a later step of the current response as its next revision. */
  update(patch: SurveyPatch): Promise<SaveOutcome>;
  suggest(entry: SuggestionEntry, staffId: string | null): Promise<SaveOutcome>;
  /** The thank-you screen was shown now. */
  thanked(): void;
  /** Forgets the current response: the next citizen starts a new one. */
  endSurvey(): void;
}

export interface RecorderDeps {
  db: KioskDatabase;
  windowId: string;
  site: Site;
  now: () => number;
  /** Ratings made on this kiosk recently (ms), so the rate limit survives a reload. */
  recentRatings: number[];
  /** After each stored record, e.g. to ask for a sync. */
  afterSave: () => void;
}

type Draft = Omit<ResponseRecord, 'seq'>;

export function createRecorder(deps: RecorderDeps): Recorder {
  let current: Draft | null = null;
  let lastThanksAt: number | null = null;
  let ratingTimes = deps.recentRatings;

  const store = async (rec: Draft | Omit<SuggestionRecord, 'seq'>, now: number): Promise<SaveOutcome> => {
    const r = await saveRecord(deps.db, rec, now);
    if (r.kind !== 'saved') return { kind: 'failed' };
    deps.afterSave();
    return { kind: 'saved' };
  };

  return {
    async rate(score, staffId) {
      const now = deps.now();
      const verdict = judgeRating(now, { lastThanksAt, ratingTimes }, deps.site.misuse);
      ratingTimes = [...pruneRatingTimes(ratingTimes, now, deps.site.misuse), now];
      const rec: Draft = {
        type: 'response', id: uuidv7(now), rev: 0, windowId: deps.windowId, staffId, score, scale: deps.site.scale,
        reasons: [], deviceTime: new Date(now).toISOString(), channel: 'kiosk', followUp: false,
        suspect: verdict.suspect, ...(verdict.suspect ? { suspectReason: verdict.reason } : {}),
      };
      // A bad review opens a case on the endpoint; its tracking code is made here so the thank-you can show it offline.
      if (isBad(score)) rec.trackingCode = newTrackingCode();
      current = rec;
      const out = await store(rec, now);
      return out.kind === 'saved' ? { kind: 'saved', trackingCode: rec.trackingCode } : out;
    },
    async update(patch) {
      if (!current) return { kind: 'failed' };
      const next = nextRevision(current, patch);
      current = next;
      return store(next, deps.now());
    },
    async suggest(entry, staffId) {
      const now = deps.now();
      // A complaint opens a case: the citizen gets its tracking code on the thank-you.
      const trackingCode = entry.category === 'complaint' ? newTrackingCode() : undefined;
      const out = await store({
        type: 'suggestion', id: uuidv7(now), rev: 0, windowId: deps.windowId, staffId, category: entry.category,
        text: entry.text, ...(entry.contact ? { contact: entry.contact } : {}), deviceTime: new Date(now).toISOString(), channel: 'kiosk',
        ...(trackingCode ? { trackingCode } : {}),
      }, now);
      return out.kind === 'saved' ? { kind: 'saved', trackingCode } : out;
    },
    thanked() { lastThanksAt = deps.now(); },
    endSurvey() { current = null; },
  };
}
