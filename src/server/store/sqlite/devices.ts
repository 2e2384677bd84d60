/** Kiosks (enrolment, fleet, heartbeats, sequence gaps) and pairing codes on SQLite. */
import type { Conn, Db } from './connection';
import { stmt } from './connection';
import type { KioskStore, PairingStore, Redeem } from '../types';
import type { KioskRow, SeqGap, SeqGapReport } from '../rows';

const RECEIVED_SEQ = `SELECT seq FROM responses WHERE kiosk_id = ? AND seq IS NOT NULL
  UNION SELECT seq FROM suggestions WHERE kiosk_id = ? AND seq IS NOT NULL`;

function seqGaps(db: Db, kioskId: string, limit: number): SeqGapReport {
  const span = stmt(db, `SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM (${RECEIVED_SEQ})`).get(kioskId, kioskId) as { lo: number | null; hi: number | null; n: number };
  if (span.lo === null || span.hi === null) return { missing: 0, gaps: [], highest: null };
  const missing = span.hi - span.lo + 1 - span.n;
  if (missing === 0) return { missing: 0, gaps: [], highest: span.hi };
  const gaps = stmt(db, `WITH s AS (${RECEIVED_SEQ}), l AS (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM s)
    SELECT prev + 1 AS "from", seq - 1 AS "to" FROM l WHERE seq > prev + 1 ORDER BY seq LIMIT ?`).all(kioskId, kioskId, limit) as SeqGap[];
  return { missing, gaps, highest: span.hi };
}

export function sqliteKiosks(c: Conn): KioskStore {
  return {
    add: (k) => c.write((db) => {
      stmt(db, 'INSERT INTO kiosks (id, token_hash, site_id, window_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(k.id, k.tokenHash, k.siteId, k.windowId, k.name, k.createdAt);
    }),
    byTokenHash: async (hash) => (stmt(c.read, 'SELECT * FROM kiosks WHERE token_hash = ?').get(hash) as KioskRow | undefined) ?? null,
    byId: async (id) => (stmt(c.read, 'SELECT * FROM kiosks WHERE id = ?').get(id) as KioskRow | undefined) ?? null,
    list: async () => stmt(c.read, 'SELECT * FROM kiosks ORDER BY window_id, created_at').all() as KioskRow[],
    revoke: (id, at) => c.write((db) => stmt(db, 'UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1),
    // The window it leaves joins its past windows (once), so ratings it still holds for that window are taken.
    move: (id, siteId, windowId) => c.write((db) => stmt(db, `UPDATE kiosks SET site_id = @siteId, window_id = @windowId,
      past_windows = CASE WHEN window_id = @windowId OR EXISTS (SELECT 1 FROM json_each(past_windows) WHERE value = window_id) THEN past_windows
        ELSE json_insert(past_windows, '$[#]', window_id) END
      WHERE id = @id AND revoked_at IS NULL`).run({ siteId, windowId, id }).changes === 1),
    seen: (id, at) => c.write((db) => { stmt(db, 'UPDATE kiosks SET last_seen_at = ? WHERE id = ?').run(at, id); }),
    seqGaps: async (kioskId, limit) => seqGaps(c.read, kioskId, limit),
    saveHeartbeat: (id, heartbeat, gaps, at) => c.write((db) => {
      stmt(db, `UPDATE kiosks SET heartbeat = ?, last_seen_at = ?, seq_missing = ?, seq_gaps = ?,
        last_seq = max(coalesce(last_seq, 0), coalesce(?, 0)) WHERE id = ?`).run(heartbeat, at, gaps.missing, JSON.stringify(gaps.gaps), gaps.highest, id);
    }),
  };
}

export function sqlitePairing(c: Conn): PairingStore {
  return {
    create: (p) => c.write((db) => {
      stmt(db, 'UPDATE pairing_codes SET expires_at = ? WHERE window_id = ? AND used_at IS NULL AND expires_at > ?').run(p.createdAt, p.windowId, p.createdAt);
      stmt(db, 'INSERT INTO pairing_codes (code_hash, site_id, window_id, name, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.codeHash, p.siteId, p.windowId, p.name, p.createdBy, p.createdAt, p.expiresAt);
    }),
    redeem: (hash, now) => c.write((db): Redeem => {
      const row = stmt(db, 'SELECT site_id, window_id, name, expires_at, used_at FROM pairing_codes WHERE code_hash = ?').get(hash) as
        { site_id: string; window_id: string; name: string | null; expires_at: number; used_at: number | null } | undefined;
      if (!row) return { kind: 'unknown' };
      if (row.used_at !== null) return { kind: 'used' };
      if (row.expires_at <= now) return { kind: 'expired' };
      if (stmt(db, 'UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, hash).changes !== 1) return { kind: 'used' };
      return { kind: 'ok', siteId: row.site_id, windowId: row.window_id, name: row.name };
    }),
    link: (hash, kioskId) => c.write((db) => { stmt(db, 'UPDATE pairing_codes SET kiosk_id = ? WHERE code_hash = ?').run(kioskId, hash); }),
    paired: async (kioskId) => stmt(c.read, 'SELECT 1 FROM pairing_codes WHERE kiosk_id = ? LIMIT 1').get(kioskId) !== undefined,
  };
}
