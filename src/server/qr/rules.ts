/**
 * The endpoint's rules for records sent from phones: a valid token for the record's window,
 * one first rating and one follow-up per case (一事一评), and the misuse rules of src/shared/qr-burst.ts
 * (presence-code budget, bursts per window, repeats per phone and per client address): suspect, never refused.
 */
import type { Unit } from '../store';
import type { CheckResult } from '../ingest/ingest';
import type { Site } from '../../shared/config';
import type { RejectionCode, SyncRecord } from '../../shared/wire';
import type { TokenClaims, TokenKind, TokenProblem, Verified } from '../../shared/token';
import { secretByKid } from './secrets';
import { createHash } from 'node:crypto';
import { DEFAULT_QR_BURST, judgeQrRating, type QrUse } from '../../shared/qr-burst';

/** A rating made offline while its code was valid may arrive this much later. */
export const ARRIVAL_GRACE_MS = 7 * 86_400_000;

/** Ratings from one phone for one window closer together than this are stored suspect. */
export const PHONE_REPEAT_MS = 10 * 60_000;

const TOKEN_REASONS: Record<TokenProblem, RejectionCode> = {
  malformed: 'token_invalid',
  unknown_key: 'token_invalid',
  bad_signature: 'token_invalid',
  out_of_scope: 'token_invalid',
  not_yet_valid: 'token_invalid',
  expired: 'token_expired',
  wrong_window: 'token_wrong_window',
};

/** The site a staff member belongs to (undefined: no such staff), from the loaded config. */
export type StaffSiteOf = (staffId: string) => string | undefined;

/**
 * Who a presence-code record is for: the staff member its kiosk signed into the code, not what the phone sent.
 * `keep` the record's own (poster and case codes, older presence codes without the claim, the same staff, or no
 * lookup to check a different one against); `foreign` when the signed staff is not of the window's site.
 */
export function signedStaff(claims: TokenClaims, rec: SyncRecord, site: Site, staffSiteOf: StaffSiteOf | undefined):
  { kind: 'keep' } | { kind: 'signed'; staffId: string | null } | { kind: 'foreign' } {
  const signed = claims.k === 'presence' ? claims.s : undefined;
  if (signed === undefined || signed === rec.staffId || !staffSiteOf) return { kind: 'keep' }; // the record's was checked by ingest
  if (signed !== null && staffSiteOf(signed) !== site.id) return { kind: 'foreign' };
  return { kind: 'signed', staffId: signed };
}

/** A short stable id of a token, so its uses can be counted without storing the token. */
export const tokenId = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);

/**
 * The check hook for one phone batch; `verdicts` holds each distinct token of the batch, verified beforehand.
 * `address` is the client address when a trusted proxy gave one. Channel, token kind and follow-up of what is
 * stored come from the token (see ingest), so the record's own claims about them are not judged here; so does the
 * staff of a presence-code record when `staffSiteOf` is given to check it against the site.
 */
export function phoneCheck(verdicts: ReadonlyMap<string, Verified>, deviceId: string, nowMs: number, address: string | null = null, staffSiteOf?: StaffSiteOf) {
  const signerSite = new Map<string, string | undefined>();
  // The windows this batch's valid codes name, in one order for every batch: see `begun`.
  const windows = [...new Set([...verdicts.values()].flatMap((v) => (v.ok ? [v.claims.w] : [])))].sort();
  /**
   * What one try of the unit of work has noted, kept apart per try: PostgreSQL retries a unit it aborted (a deadlock,
   * a serialisation failure) with a fresh `t`, and the rolled-back try's notes must not judge the next.
   */
  const tries = new WeakMap<Unit, { usedInBatch: Array<QrUse & { windowId: string }>; ratedInBatch: Map<string, string> }>();
  /**
   * The try's state, holding its windows' phone ratings first (in sorted order, so two batches never wait on each
   * other's windows in a cycle): parallel batches from many phones are judged one after the other, each against the
   * ones before, and so are two phones rating one case code (a case belongs to one window, its code names it).
   */
  const begun = async (t: Unit) => {
    let s = tries.get(t);
    if (!s) {
      // QR uses this batch noted: the store may not show them to reads inside the same unit yet.
      // Cases this batch rates: its rows are written together at the end, so the store cannot see them yet.
      s = { usedInBatch: [], ratedInBatch: new Map() };
      tries.set(t, s);
      for (const w of windows) await t.qr.holdWindowUses(w);
    }
    return s;
  };
  return async (t: Unit, rec: SyncRecord, site: Site): Promise<CheckResult> => {
    const { usedInBatch, ratedInBatch } = await begun(t);
    if (!rec.token) return { ok: false, code: 'token_missing', reason: 'token_missing', field: 'token' };
    const v = verdicts.get(rec.token);
    if (!v) return { ok: false, code: 'token_invalid', reason: 'token_invalid', field: 'token' };
    if (!v.ok) return { ok: false, code: TOKEN_REASONS[v.reason], reason: TOKEN_REASONS[v.reason], field: 'token' };
    const claims = v.claims;
    if (claims.w !== rec.windowId) return { ok: false, code: 'token_wrong_window', reason: 'token_wrong_window', field: 'windowId' };
    // The code must have been valid when the citizen rated (device time, never later than now).
    const at = Math.min(Date.parse(rec.deviceTime), nowMs);
    if (at >= claims.exp * 1000 || at < (claims.iat - 120) * 1000) return { ok: false, code: 'token_expired', reason: 'token_expired', field: 'token' };
    if (claims.kid.startsWith('s.')) {
      if (!signerSite.has(claims.kid)) signerSite.set(claims.kid, (await secretByKid(t, claims.kid))?.siteId);
      if (signerSite.get(claims.kid) !== site.id) return { ok: false, code: 'token_invalid', reason: 'token_invalid', field: 'token' };
    }
    const staff = signedStaff(claims, rec, site, staffSiteOf);
    if (staff.kind === 'foreign') return { ok: false, code: 'unknown_staff', reason: 'unknown_staff', field: 'token' };
    if (staff.kind === 'signed') rec.staffId = staff.staffId; // before the record is hashed and stored: a resent one is still a duplicate
    // Suggestions are judged too (against the window's suggestions): a complaint opens a case and alerts someone.
    if (rec.type === 'suggestion') return { ok: true, tokenKind: claims.k, ...(await burst(t, usedInBatch, rec, claims.k, rec.token, at)) };

    if (claims.k === 'case') {
      const caseNo = claims.c ?? '';
      const followUp = claims.f === 1;
      if (!caseNo) return { ok: false, code: 'token_invalid', reason: 'token_invalid', field: 'token' };
      const key = `${caseNo}\u0000${followUp ? 1 : 0}`;
      const inBatch = ratedInBatch.get(key);
      // Another phone's batch rating this case at the same moment committed first, or waits for this one (`begun`).
      if ((inBatch !== undefined && inBatch !== rec.id) || await t.qr.caseRated(caseNo, followUp, rec.id)) return { ok: false, code: 'duplicate_case', reason: 'duplicate_case', field: 'token' };
      if (followUp) {
        const row = await t.qr.caseByNo(caseNo);
        if (!row || row.rectified_at === null) return { ok: false, code: 'case_not_rectified', reason: 'case_not_rectified', field: 'followUp' };
      }
      ratedInBatch.set(key, rec.id);
      return { ok: true, tokenKind: 'case', caseNo, followUp, ...(await burst(t, usedInBatch, rec, 'case', rec.token, at)) };
    }
    return { ok: true, tokenKind: claims.k, ...(await burst(t, usedInBatch, rec, claims.k, rec.token, at)) };
  };

  /**
   * Notes this QR rating or suggestion and judges it against the window's recent ones, by the phone's time and by
   * arrival: suspect with its reasons, or not.
   */
  async function burst(t: Unit, usedInBatch: Array<QrUse & { windowId: string }>, rec: SyncRecord, kind: TokenKind, token: string, at: number): Promise<{ suspect?: true; flags?: string[] }> {
    const use = { recordId: rec.id, deviceId, windowId: rec.windowId, at, receivedAt: nowMs, score: rec.type === 'response' ? rec.score : null, tokenId: tokenId(token), address };
    const span = Math.max(PHONE_REPEAT_MS, DEFAULT_QR_BURST.windowMinutes * 60_000);
    // The window's phone ratings are held (`begun`): parallel batches from many phones would each read the uses
    // before any was noted, and none would look like a burst.
    const byId = new Map<string, QrUse>();
    const stored = [...(await t.qr.qrUses(rec.windowId, at - span, at + span, nowMs - span)), ...(kind === 'presence' ? await t.qr.tokenUses(use.tokenId) : [])];
    for (const u of [...stored, ...usedInBatch.filter((u) => u.windowId === rec.windowId)]) byId.set(u.recordId, u);
    await t.qr.notePhoneRating(use);
    usedInBatch.push(use);
    const reasons = judgeQrRating({ ...use, tokenKind: kind }, [...byId.values()]);
    return reasons.length > 0 ? { suspect: true, flags: reasons } : {};
  }
}
