/**
 * The endpoint's rules for records sent from phones: a valid token for the record's window,
 * one first rating and one follow-up per case (一事一评), and one rating per phone per window per 10 minutes.
 */
import type { Db } from '../db/sqlite';
import type { CheckResult } from '../ingest/ingest';
import type { Site } from '../../shared/config';
import type { SyncRecord } from '../../shared/wire';
import type { TokenProblem, Verified } from '../../shared/token';
import { secretByKid } from './secrets';
import { createHash } from 'node:crypto';
import { DEFAULT_QR_BURST, judgeQrRating, type QrUse } from '../../shared/qr-burst';

/** A short stable id of a token, so its uses can be counted without storing the token. */
export const tokenId = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);

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

/**
 * The check hook for one phone batch; `verdicts` holds each distinct token of the batch, verified beforehand.
 * `address` is the client address when a trusted proxy gave one.
 */
export function phoneCheck(db: Db, verdicts: ReadonlyMap<string, Verified>, deviceId: string, nowMs: number, address: string | null = null) {
  // Prepared once per batch, not per record.
  const caseTaken = db.prepare('SELECT 1 FROM responses WHERE case_no = ? AND follow_up = ? AND id <> ?');
  const caseRow = db.prepare('SELECT rectified_at FROM qr_cases WHERE case_no = ?');
  const notePhone = db.prepare(`INSERT OR IGNORE INTO qr_phone_ratings (record_id, device_id, window_id, at, score, token_id, address)
    VALUES (@recordId, @deviceId, @windowId, @at, @score, @tokenId, @address)`);
  const recentUses = db.prepare(`SELECT record_id AS recordId, device_id AS deviceId, at, score, token_id AS tokenId, address
    FROM qr_phone_ratings WHERE window_id = ? AND at > ? AND at <= ? ORDER BY at DESC LIMIT 500`);
  const tokenUses = db.prepare("SELECT record_id AS recordId, device_id AS deviceId, at, score, token_id AS tokenId, address FROM qr_phone_ratings WHERE token_id = ? AND token_id <> '' LIMIT 50");
  const signerSite = new Map<string, string | undefined>();
  const siteOfKid = (kid: string): string | undefined => {
    if (!signerSite.has(kid)) signerSite.set(kid, secretByKid(db, kid)?.siteId);
    return signerSite.get(kid);
  };
  return (rec: SyncRecord, site: Site): CheckResult => {
    if (!rec.token) return { ok: false, reason: 'token_missing', field: 'token' };
    const v = verdicts.get(rec.token);
    if (!v) return { ok: false, reason: 'token_invalid', field: 'token' };
    if (!v.ok) return { ok: false, reason: TOKEN_REASONS[v.reason], field: 'token' };
    const claims = v.claims;
    if (claims.w !== rec.windowId) return { ok: false, reason: 'token_wrong_window', field: 'windowId' };
    // The code must have been valid when the citizen rated (device time, never later than now).
    const at = Math.min(Date.parse(rec.deviceTime), nowMs);
    if (at >= claims.exp * 1000 || at < (claims.iat - 120) * 1000) return { ok: false, reason: 'token_expired', field: 'token' };
    if (claims.kid.startsWith('s.') && siteOfKid(claims.kid) !== site.id) return { ok: false, reason: 'token_invalid', field: 'token' };
    if (rec.type === 'suggestion') return { ok: true, tokenKind: claims.k };

    if (claims.k === 'case') {
      const caseNo = claims.c ?? '';
      const followUp = claims.f === 1;
      if (!caseNo) return { ok: false, reason: 'token_invalid', field: 'token' };
      const taken = caseTaken.get(caseNo, followUp ? 1 : 0, rec.id);
      if (taken) return { ok: false, reason: 'duplicate_case', field: 'token' };
      if (followUp) {
        const row = caseRow.get(caseNo) as { rectified_at: number | null } | undefined;
        if (!row || row.rectified_at === null) return { ok: false, reason: 'case_not_rectified', field: 'followUp' };
      }
      return { ok: true, tokenKind: 'case', caseNo, followUp, ...burst(rec, 'case', rec.token, at) };
    }
    return { ok: true, tokenKind: claims.k, ...burst(rec, claims.k, rec.token, at) };
  };

  /** Notes this QR rating and judges it against the window's recent ones: suspect with its reasons, or not. */
  function burst(rec: SyncRecord & { type: 'response' }, kind: 'presence' | 'poster' | 'case', token: string, at: number): { suspect?: true; flags?: string[] } {
    const use = { recordId: rec.id, deviceId, windowId: rec.windowId, at, score: rec.score, tokenId: tokenId(token), address };
    const since = at - Math.max(PHONE_REPEAT_MS, DEFAULT_QR_BURST.windowMinutes * 60_000);
    const byId = new Map<string, QrUse>();
    for (const u of [...(recentUses.all(rec.windowId, since, at) as QrUse[]), ...(kind === 'presence' ? (tokenUses.all(use.tokenId) as QrUse[]) : [])]) byId.set(u.recordId, u);
    const earlier = [...byId.values()];
    notePhone.run(use);
    const reasons = judgeQrRating({ ...use, tokenKind: kind }, earlier);
    return reasons.length > 0 ? { suspect: true, flags: reasons } : {};
  }
}
