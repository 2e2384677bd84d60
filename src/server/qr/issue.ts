/** Tokens the endpoint signs: posters (long-lived, printed) and case codes (one service case). */
import type { Db } from '../db/sqlite';
import { signToken, type TokenClaims } from '../../shared/token';
import { activeSecret } from './secrets';

export const POSTER_VALID_DAYS = 730;
export const CASE_VALID_DAYS = 90;
const DAY_S = 86_400;

export type Issued = { kind: 'ok'; token: string; expiresAt: number } | { kind: 'no_secret' };

async function issue(db: Db, siteId: string, claims: Omit<TokenClaims, 'kid' | 'iat' | 'exp'>, nowMs: number, days: number): Promise<Issued> {
  const secret = activeSecret(db, siteId);
  if (!secret) return { kind: 'no_secret' };
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + days * DAY_S;
  return { kind: 'ok', token: await signToken({ kid: secret.kid, ...claims, iat, exp }, secret.secret), expiresAt: exp * 1000 };
}

/** A poster token for a window, valid until the site secret is rotated or `days` pass. */
export function issuePosterToken(db: Db, siteId: string, windowId: string, nowMs: number, days = POSTER_VALID_DAYS): Promise<Issued> {
  return issue(db, siteId, { k: 'poster', w: windowId }, nowMs, days);
}

/** A case token: admits the first rating of the case, or with `followUp` its one follow-up rating. */
export function issueCaseToken(db: Db, siteId: string, windowId: string, caseNo: string, followUp: boolean, nowMs: number, days = CASE_VALID_DAYS): Promise<Issued> {
  return issue(db, siteId, { k: 'case', w: windowId, c: caseNo, ...(followUp ? { f: 1 as const } : {}) }, nowMs, days);
}

export type CaseRecord = { caseNo: string; siteId: string; windowId: string; rectifiedAt: number | null };

/**
 * Registers a case number for a window (idempotent for the same window);
 * a case number already used at another window is refused.
 */
export function registerCase(db: Db, c: { caseNo: string; siteId: string; windowId: string; by: string }, nowMs: number): { kind: 'ok'; case: CaseRecord } | { kind: 'other_window'; windowId: string } {
  db.prepare('INSERT OR IGNORE INTO qr_cases (case_no, site_id, window_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(c.caseNo, c.siteId, c.windowId, c.by, nowMs);
  const row = db.prepare('SELECT case_no, site_id, window_id, rectified_at FROM qr_cases WHERE case_no = ?').get(c.caseNo) as
    { case_no: string; site_id: string; window_id: string; rectified_at: number | null };
  if (row.window_id !== c.windowId) return { kind: 'other_window', windowId: row.window_id };
  return { kind: 'ok', case: { caseNo: row.case_no, siteId: row.site_id, windowId: row.window_id, rectifiedAt: row.rectified_at } };
}

/** Marks a case rectified (整改), which admits its one follow-up rating; false for an unknown case. */
export function markCaseRectified(db: Db, caseNo: string, nowMs: number): boolean {
  return db.prepare('UPDATE qr_cases SET rectified_at = coalesce(rectified_at, ?) WHERE case_no = ?').run(nowMs, caseNo).changes === 1;
}
