/**
 * The survey's memory, for the kiosk and the phone alike: each step is saved to IndexedDB at once (the record
 * and its outbox entry together), later steps as the next revision of the same response. The kiosk flags
 * misuse; the phone carries its signed QR token and remembers a rated case.
 */
import type { KioskDatabase, StoredRecord } from './store/db';
import { saveRecord, type Draft } from './store/records';
import { putMeta } from './store/meta';
import type { Site } from '../shared/config';
import { uuidv7 } from '../shared/ids';
import { judgeRating, pruneRatingTimes } from '../shared/misuse';
import type { Score } from '../shared/scale';
import { nextRevision, type SurveyPatch } from '../shared/survey';
import type { TokenClaims } from '../shared/token';
import type { ResponseRecord, SuggestionCategory } from '../shared/wire';
import { isBad } from '../shared/scale';
import { newTrackingCode } from '../shared/cases/tracking';

/** A saved bad rating or complaint carries the case tracking code made for it on the device (shown on the thank-you). */
export type SaveOutcome = { kind: 'saved'; trackingCode?: string | undefined } | { kind: 'failed' };

export interface SuggestionEntry {
  category: SuggestionCategory;
  text: string;
  contact?: string;
}

export interface Recorder {
  /** Saves a new rating at once (rev 0); on a kiosk, flagged when it looks like misuse. */
  rate(score: Score, staffId: string | null): Promise<SaveOutcome>;
  /** Saves a later step of the current response as its next revision. */
  update(patch: SurveyPatch): Promise<SaveOutcome>;
  suggest(entry: SuggestionEntry, staffId: string | null): Promise<SaveOutcome>;
  /** The thank-you screen was shown now. */
  thanked(): void;
  /** Forgets the current response: the next citizen starts a new one. */
  endSurvey(): void;
}

/** Where the survey is taken: the window's kiosk, or a phone holding a signed QR token. */
export type Channel =
  | { kind: 'kiosk'; windowId: string; /** Ratings made on this kiosk recently (ms), so the rate limit survives a reload. */ recentRatings: number[] | Promise<number[]> }
  | { kind: 'qr'; token: string; claims: TokenClaims };

export interface RecorderDeps {
  /** The page's connection; may still be opening when the first frame is painted. */
  db: KioskDatabase | Promise<KioskDatabase>;
  site: Pick<Site, 'scale' | 'misuse'>;
  channel: Channel;
  now: () => number;
  /** After each stored record, e.g. to ask for a sync (called once the caller has shown the result). */
  afterSave: () => void;
}

/** The meta key that remembers a case rated on this phone, so a rescan says so even offline. */
export function ratedCaseKey(claims: TokenClaims): `ratedCase:${string}` | null {
  return claims.k === 'case' && claims.c ? `ratedCase:${claims.c}:${claims.f ?? 0}` : null;
}

export function createRecorder(deps: RecorderDeps): Recorder {
  const { channel } = deps;
  const windowId = channel.kind === 'kiosk' ? channel.windowId : channel.claims.w;
  const fromQr = channel.kind === 'qr' ? { token: channel.token } : {};
  let current: ResponseRecord | null = null;
  let lastThanksAt: number | null = null;
  let ratingTimes: number[] = [];
  const earlier = channel.kind === 'kiosk' ? Promise.resolve(channel.recentRatings).then((t) => { ratingTimes = [...t, ...ratingTimes]; }) : null;

  const store = async (rec: Draft, now: number, known?: { seq: number }): Promise<StoredRecord | null> => {
    const r = await saveRecord(await deps.db, rec, now, known);
    if (r.kind !== 'saved') return null;
    deps.afterSave();
    return r.record;
  };

  /** The kiosk's misuse rules; a phone is judged by the endpoint, which does not trust it. */
  const verdict = (now: number): Pick<ResponseRecord, 'suspect' | 'suspectReason'> => {
    if (channel.kind !== 'kiosk') return { suspect: false };
    const v = judgeRating(now, { lastThanksAt, ratingTimes }, deps.site.misuse);
    // Only the newest `maxRatingsPerWindow` times can decide the rate limit: a busy day keeps the list that short.
    ratingTimes = [...pruneRatingTimes(ratingTimes, now, deps.site.misuse), now].slice(-deps.site.misuse.maxRatingsPerWindow);
    return v.suspect ? { suspect: true, suspectReason: v.reason } : { suspect: false };
  };

  return {
    async rate(score, staffId) {
      await earlier; // at most the first tap after a start waits for the kiosk's recent ratings
      const now = deps.now();
      const rec: Omit<ResponseRecord, 'seq'> = {
        type: 'response', id: uuidv7(now), rev: 0, windowId, staffId, score, scale: deps.site.scale, reasons: [],
        deviceTime: new Date(now).toISOString(), channel: channel.kind, followUp: channel.kind === 'qr' && channel.claims.f === 1,
        ...verdict(now), ...fromQr,
      };
      // A bad first rating opens a case on the endpoint; its tracking code is made here so the thank-you shows it offline.
      if (isBad(score) && !rec.followUp) rec.trackingCode = newTrackingCode();
      const saved = await store(rec, now);
      if (!saved || saved.type !== 'response') return { kind: 'failed' };
      current = saved;
      const caseKey = channel.kind === 'qr' ? ratedCaseKey(channel.claims) : null;
      if (caseKey) await putMeta(await deps.db, caseKey, saved.id);
      return { kind: 'saved', trackingCode: rec.trackingCode };
    },
    async update(patch) {
      if (!current) return { kind: 'failed' };
      const next = nextRevision(current, patch);
      const saved = await store(next, deps.now(), { seq: current.seq });
      if (!saved || saved.type !== 'response') return { kind: 'failed' };
      current = saved;
      return { kind: 'saved' };
    },
    async suggest(entry, staffId) {
      const now = deps.now();
      // A complaint opens a case: the citizen gets its tracking code on the thank-you.
      const trackingCode = entry.category === 'complaint' ? newTrackingCode() : undefined;
      const saved = await store({
        type: 'suggestion', id: uuidv7(now), rev: 0, windowId, staffId, category: entry.category, text: entry.text,
        ...(entry.contact ? { contact: entry.contact } : {}), deviceTime: new Date(now).toISOString(), channel: channel.kind, ...fromQr,
        ...(trackingCode ? { trackingCode } : {}),
      }, now);
      return saved ? { kind: 'saved', trackingCode } : { kind: 'failed' };
    },
    thanked() { lastThanksAt = deps.now(); },
    endSurvey() { current = null; },
  };
}
