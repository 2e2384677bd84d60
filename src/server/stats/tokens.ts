/** Display tokens: a read-only key for one site's public big screen; stored only as a hash. */
import type { Areas, DisplayTokenRow } from '../store';
import { newToken, tokenHash } from '../auth/secrets';

export interface DisplayToken { id: number; siteId: string; label: string; createdBy: string; createdAt: number; revokedAt: number | null }

type Row = DisplayTokenRow;
type Tokens = Pick<Areas, 'displayTokens'>;

const toToken = (r: Row): DisplayToken => ({ id: r.id, siteId: r.site_id, label: r.label, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at });

/** Creates a token; the clear text is returned once and never stored. */
export async function createDisplayToken(store: Tokens, siteId: string, label: string, by: string, at: number): Promise<{ token: string; id: number }> {
  const token = newToken();
  const id = await store.displayTokens.create({ tokenHash: tokenHash(token), siteId, label, by, at });
  return { token, id };
}

export async function listDisplayTokens(store: Tokens): Promise<DisplayToken[]> {
  return (await store.displayTokens.list()).map(toToken);
}

/** True when a token was revoked now (false: unknown or already revoked). */
export function revokeDisplayToken(store: Tokens, id: number, at: number): Promise<boolean> {
  return store.displayTokens.revoke(id, at);
}

/** The site a live token opens, or null. */
export function siteOfDisplayToken(store: Tokens, token: string): Promise<string | null> {
  return store.displayTokens.siteOf(tokenHash(token));
}
