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

/** What the fleet view shows of one kiosk; `heartbeat` is the latest one the kiosk sent, as stored. */
export interface KioskListing {
  id: string; siteId: string; windowId: string; createdAt: number; revokedAt: number | null; lastSeenAt: number | null;
  lastSeq: number | null; heartbeat: Record<string, unknown> | null;
}

/** Every kiosk, revoked ones included. */
export function listKiosks(db: Db): KioskListing[] {
  const rows = db.prepare('SELECT id, site_id, window_id, created_at, revoked_at, last_seen_at, last_seq, heartbeat FROM kiosks ORDER BY window_id, created_at').all() as
    (KioskRow & { created_at: number; last_seen_at: number | null; heartbeat: string | null })[];
  return rows.map((r) => ({
    id: r.id, siteId: r.site_id, windowId: r.window_id, createdAt: r.created_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at,
    lastSeq: r.last_seq, heartbeat: parseHeartbeat(r.heartbeat),
  }));
}

function parseHeartbeat(s: string | null): Record<string, unknown> | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null; // a heartbeat is advisory; a garbled one shows as none
  }
}

/** Revokes a kiosk: its token stops working at once. Returns false for an unknown or already revoked kiosk. */
export function revokeKiosk(db: Db, id: string, now: number): boolean {
  return db.prepare('UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes === 1;
}

/** Moves a kiosk to another window (same token); false for an unknown or revoked kiosk. */
export function moveKiosk(db: Db, id: string, siteId: string, windowId: string): boolean {
  return db.prepare('UPDATE kiosks SET site_id = ?, window_id = ? WHERE id = ? AND revoked_at IS NULL').run(siteId, windowId, id).changes === 1;
}
