/**
 * The endpoint's rules for records sent from phones: a valid token for the record's window,
 * one first rating and one follow-up per case (一事一评), and one rating per phone per window per 10 minutes.
 */
import type { Unit } from '../store';
import type { CheckResult } from '../ingest/ingest';
import type { Site } from '../../shared/config';
import type { SyncRecord } from '../../shared/wire';
import type { TokenProblem, Verified } from '../../shared/token';
import { secretByKid } from './secrets';

/** A rating made offline while its code was valid may arrive this much later. */
export const ARRIVAL_GRACE_MS = 7 * 86_400_000;

/** Ratings from one phone for one window closer together than this are stored suspect. */
export const PHONE_REPEAT_MS = 10 * 60_000;

const TOKEN_REASONS: Record<TokenProblem, string> = {
  malformed: 'token_invalid',
  unknown_key: 'token_invalid',
  bad_signature: 'token_invalid',
  out_of_scope: 'token_invalid',
  not_yet_valid: 'token_invalid',
  expired: 'token_expired',
  wrong_window: 'token_wrong_window',
};

/** The check hook for one phone batch; `verdicts` holds each distinct token of the batch, verified beforehand. */
export function phoneCheck(verdicts: ReadonlyMap<string, Verified>, deviceId: string, nowMs: number) {
  const signerSite = new Map<string, string | undefined>();
  // Cases this batch rates: its rows are written together at the end, so the store cannot see them yet.
  const ratedInBatch = new Map<string, string>();
  return async (t: Unit, rec: SyncRecord, site: Site): Promise<CheckResult> => {
    if (rec.channel !== 'qr') return { ok: false, reason: 'records from phones must have channel "qr"', field: 'channel' };
    if (!rec.token) return { ok: false, reason: 'token_missing', field: 'token' };
    const v = verdicts.get(rec.token);
    if (!v) return { ok: false, reason: 'token_invalid', field: 'token' };
    if (!v.ok) return { ok: false, reason: TOKEN_REASONS[v.reason], field: 'token' };
    const claims = v.claims;
    if (claims.w !== rec.windowId) return { ok: false, reason: 'token_wrong_window', field: 'windowId' };
    // The code must have been valid when the citizen rated (device time, never later than now).
    const at = Math.min(Date.parse(rec.deviceTime), nowMs);
    if (at >= claims.exp * 1000 || at < (claims.iat - 120) * 1000) return { ok: false, reason: 'token_expired', field: 'token' };
    if (claims.kid.startsWith('s.')) {
      if (!signerSite.has(claims.kid)) signerSite.set(claims.kid, (await secretByKid(t, claims.kid))?.siteId);
      if (signerSite.get(claims.kid) !== site.id) return { ok: false, reason: 'token_invalid', field: 'token' };
    }
    if (rec.type === 'suggestion') return { ok: true, tokenKind: claims.k };

    if (claims.k === 'case') {
      const caseNo = claims.c ?? '';
      const followUp = claims.f === 1;
      if (!caseNo) return { ok: false, reason: 'token_invalid', field: 'token' };
      if (rec.followUp !== followUp) return { ok: false, reason: 'follow_up_mismatch', field: 'followUp' };
      const key = `${caseNo}\u0000${followUp ? 1 : 0}`;
      const inBatch = ratedInBatch.get(key);
      if ((inBatch !== undefined && inBatch !== rec.id) || await t.qr.caseRated(caseNo, followUp, rec.id)) return { ok: false, reason: 'duplicate_case', field: 'token' };
      if (followUp) {
        const row = await t.qr.caseByNo(caseNo);
        if (!row || row.rectified_at === null) return { ok: false, reason: 'case_not_rectified', field: 'followUp' };
      }
      ratedInBatch.set(key, rec.id);
      return { ok: true, tokenKind: 'case', caseNo };
    }

    if (rec.followUp) return { ok: false, reason: 'follow_up_needs_case_token', field: 'followUp' };
    await t.qr.notePhoneRating({ recordId: rec.id, deviceId, windowId: rec.windowId, at });
    const earlier = await t.qr.phoneRatedBetween(deviceId, rec.windowId, rec.id, at - PHONE_REPEAT_MS, at);
    return earlier ? { ok: true, tokenKind: claims.k, suspect: true, flags: ['qr_repeat'] } : { ok: true, tokenKind: claims.k };
  };
}
