import type { Db } from '../db/sqlite';
import { newToken, tokenHash } from './secrets';
import { uuidv7 } from '../../shared/ids';

export interface Kiosk { id: string; siteId: string; windowId: string; revoked: boolean; lastSeq: number | null }

interface KioskRow { id: string; site_id: string; window_id: string; revoked_at: number | null; last_seq: number | null }

/** Enrols a kiosk for a window; the token is returned once and stored hashed. */
export function enrolKiosk(db: Db, siteId: string, windowId: string, now = Date.now()): { kiosk: Kiosk; token: string } {
  const token = newToken();
  const id = uuidv7(now);
  db.prepare('INSERT INTO kiosks (id, token_hash, site_id, window_id, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, tokenHash(token), siteId, windowId, now);
  return { kiosk: { id, siteId, windowId, revoked: false, lastSeq: null }, token };
}

/** The kiosk a device token belongs to, or null for an unknown or revoked token. */
export function kioskByToken(db: Db, token: string): Kiosk | null {
  const row = db.prepare('SELECT id, site_id, window_id, revoked_at, last_seq FROM kiosks WHERE token_hash = ?').get(tokenHash(token)) as KioskRow | undefined;
  if (!row || row.revoked_at !== null) return null;
  return { id: row.id, siteId: row.site_id, windowId: row.window_id, revoked: false, lastSeq: row.last_seq };
}
