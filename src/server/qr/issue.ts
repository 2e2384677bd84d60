/** Tokens the endpoint signs: posters (long-lived, printed) and case codes (one service case). */
import type { Areas } from '../store';

type Qr = Pick<Areas, 'qr'>;
import { signToken, type TokenClaims } from '../../shared/token';
import { activeSecret } from './secrets';

export const POSTER_VALID_DAYS = 730;
export const CASE_VALID_DAYS = 90;
const DAY_S = 86_400;

export type Issued = { kind: 'ok'; token: string; expiresAt: number } | { kind: 'no_secret' };

async function issue(store: Qr, siteId: string, claims: Omit<TokenClaims, 'kid' | 'iat' | 'exp'>, nowMs: number, days: number): Promise<Issued> {
  const secret = await activeSecret(store, siteId);
  if (!secret) return { kind: 'no_secret' };
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + days * DAY_S;
  return { kind: 'ok', token: await signToken({ kid: secret.kid, ...claims, iat, exp }, secret.secret), expiresAt: exp * 1000 };
}

/** A poster token for a window, valid until the site secret is rotated or `days` pass. */
export function issuePosterToken(store: Qr, siteId: string, windowId: string, nowMs: number, days = POSTER_VALID_DAYS): Promise<Issued> {
  return issue(store, siteId, { k: 'poster', w: windowId }, nowMs, days);
}

/** A case token: admits the first rating of the case, or with `followUp` its one follow-up rating. */
export function issueCaseToken(store: Qr, siteId: string, windowId: string, caseNo: string, followUp: boolean, nowMs: number, days = CASE_VALID_DAYS): Promise<Issued> {
  return issue(store, siteId, { k: 'case', w: windowId, c: caseNo, ...(followUp ? { f: 1 as const } : {}) }, nowMs, days);
}

export type CaseRecord = { caseNo: string; siteId: string; windowId: string; rectifiedAt: number | null; issuedBy: string };

/**
 * Registers a case number for a window (idempotent for the same window);
 * a case number already used at another window is refused.
 */
export async function registerCase(store: Qr, c: { caseNo: string; siteId: string; windowId: string; by: string }, nowMs: number): Promise<{ kind: 'ok'; case: CaseRecord } | { kind: 'other_window'; windowId: string }> {
  const row = await store.qr.registerCase(c, nowMs);
  if (row.window_id !== c.windowId) return { kind: 'other_window', windowId: row.window_id };
  return { kind: 'ok', case: { caseNo: row.case_no, siteId: row.site_id, windowId: row.window_id, rectifiedAt: row.rectified_at, issuedBy: row.created_by } };
}

/** Marks a case rectified (整改), which admits its one follow-up rating; false for an unknown case. */
export function markCaseRectified(store: Qr, caseNo: string, nowMs: number): Promise<boolean> {
  return store.qr.markRectified(caseNo, nowMs);
}
