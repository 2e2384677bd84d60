/** The phone's survey memory: each step saved to IndexedDB with its signed token, sent later by the outbox. */
import type { KioskDatabase } from '../../device/store/db';
import { saveRecord } from '../../device/store/records';
import type { Site } from '../../shared/config';
import { uuidv7 } from '../../shared/ids';
import { isBad, type Score } from '../../shared/scale';
import { newTrackingCode } from '../../shared/cases/tracking';
import { nextRevision, type SurveyPatch } from '../../shared/survey';
import type { ResponseRecord, SuggestionCategory } from '../../shared/wire';
import type { TokenClaims } from '../../shared/token';
import type { SaveOutcome } from '../kiosk/survey/types';

export interface PhoneRecorder {
  rate(score: Score): Promise<SaveOutcome>;
  update(patch: SurveyPatch): Promise<SaveOutcome>;
  suggest(entry: { category: SuggestionCategory; text: string; contact?: string }): Promise<SaveOutcome>;
}

export interface PhoneRecorderDeps {
  db: KioskDatabase;
  site: Site;
  token: string;
  claims: TokenClaims;
  staffId: string | null;
  now: () => number;
  afterSave: () => void;
}

type Draft = Omit<ResponseRecord, 'seq'>;

/** The meta key that remembers a case rated on this phone, so a rescan says so even offline. */
export function ratedCaseKey(claims: TokenClaims): string | null {
  return claims.k === 'case' && claims.c ? `ratedCase:${claims.c}:${claims.f ?? 0}` : null;
}

export function createPhoneRecorder(deps: PhoneRecorderDeps): PhoneRecorder {
  let current: Draft | null = null;
  const { claims } = deps;

  const store = async (rec: Draft | Parameters<typeof saveRecord>[1], now: number): Promise<SaveOutcome> => {
    const r = await saveRecord(deps.db, rec, now);
    if (r.kind !== 'saved') return { kind: 'failed' };
    deps.afterSave();
    return { kind: 'saved' };
  };

  return {
    async rate(score) {
      const now = deps.now();
      current = {
        type: 'response', id: uuidv7(now), rev: 0, windowId: claims.w, staffId: deps.staffId, score, scale: deps.site.scale,
        reasons: [], deviceTime: new Date(now).toISOString(), channel: 'qr', followUp: claims.f === 1, suspect: false, token: deps.token,
        // A bad first rating opens a case; a 二次评价 belongs to the case it follows up.
        ...(isBad(score) && claims.f !== 1 ? { trackingCode: newTrackingCode() } : {}),
      };
      const out = await store(current, now);
      const key = ratedCaseKey(claims);
      if (out.kind === 'saved' && key) await deps.db.put('meta', current.id, key);
      return out.kind === 'saved' ? { kind: 'saved', trackingCode: current.trackingCode } : out;
    },
    async update(patch) {
      if (!current) return { kind: 'failed' };
      current = nextRevision(current, patch);
      return store(current, deps.now());
    },
    async suggest(entry) {
      const now = deps.now();
      return store({
        type: 'suggestion', id: uuidv7(now), rev: 0, windowId: claims.w, staffId: deps.staffId, category: entry.category, text: entry.text,
        ...(entry.contact ? { contact: entry.contact } : {}), deviceTime: new Date(now).toISOString(), channel: 'qr', token: deps.token,
      }, now);
    },
  };
}
