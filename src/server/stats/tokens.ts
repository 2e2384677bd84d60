/** Display tokens: a read-only key for one site's public big screen; stored only as a hash. */
import type { Db } from '../db/sqlite';
import { newToken, tokenHash } from '../auth/secrets';

export interface DisplayToken { id: number; siteId: string; label: string; createdBy: string; createdAt: number; revokedAt: number | null }

interface Row { id: number; site_id: string; label: string; created_by: string; created_at: number; revoked_at: number | null }

const toToken = (r: Row): DisplayToken => ({ id: r.id, siteId: r.site_id, label: r.label, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at });

/** Creates a token; the clear text is returned once and never stored. */
export function createDisplayToken(db: Db, siteId: string, label: string, by: string, at: number): { token: string; id: number } {
  const token = newToken();
  const id = Number(db.prepare('INSERT INTO display_tokens (token_hash, site_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(tokenHash(token), siteId, label, by, at).lastInsertRowid);
  return { token, id };
}

export function listDisplayTokens(db: Db): DisplayToken[] {
  return (db.prepare('SELECT id, site_id, label, created_by, created_at, revoked_at FROM display_tokens ORDER BY id DESC').all() as Row[]).map(toToken);
}

/** True when a token was revoked now (false: unknown or already revoked). */
export function revokeDisplayToken(db: Db, id: number, at: number): boolean {
  return db.prepare('UPDATE display_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
}

/** The site a live token opens, or null. */
export function siteOfDisplayToken(db: Db, token: string): string | null {
  const r = db.prepare('SELECT site_id FROM display_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash(token)) as { site_id: string } | undefined;
  return r?.site_id ?? null;
}
