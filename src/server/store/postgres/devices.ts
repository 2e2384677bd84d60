/** Kiosks (enrolment, fleet, heartbeats, sequence gaps) and pairing codes on PostgreSQL. */
import type { PgConn, Query } from './connection';
import type { KioskStore, PairingStore, Redeem } from '../types';
import type { KioskRow, SeqGap, SeqGapReport } from '../rows';

const RECEIVED_SEQ = `SELECT seq FROM responses WHERE kiosk_id = $1 AND seq IS NOT NULL
  UNION SELECT seq FROM suggestions WHERE kiosk_id = $1 AND seq IS NOT NULL`;

async function seqGaps(q: Query, kioskId: string, limit: number): Promise<SeqGapReport> {
  const span = (await q<{ lo: number | null; hi: number | null; n: number }>(`SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM (${RECEIVED_SEQ}) s`, [kioskId]))[0]!;
  if (span.lo === null || span.hi === null) return { missing: 0, gaps: [], highest: null };
  const missing = span.hi - span.lo + 1 - span.n;
  if (missing === 0) return { missing: 0, gaps: [], highest: span.hi };
  const gaps = await q<SeqGap>(`WITH s AS (${RECEIVED_SEQ}), l AS (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM s)
    SELECT prev + 1 AS "from", seq - 1 AS "to" FROM l WHERE seq > prev + 1 ORDER BY seq LIMIT $2`, [kioskId, limit]);
  return { missing, gaps, highest: span.hi };
}

export function pgKiosks(c: PgConn): KioskStore {
  return {
    add: (k) => c.write(async (q) => {
      await q('INSERT INTO kiosks (id, token_hash, site_id, window_id, name, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [k.id, k.tokenHash, k.siteId, k.windowId, k.name, k.createdAt]);
    }),
    byTokenHash: async (hash) => (await c.query<KioskRow>('SELECT * FROM kiosks WHERE token_hash = $1', [hash]))[0] ?? null,
    byId: async (id) => (await c.query<KioskRow>('SELECT * FROM kiosks WHERE id = $1', [id]))[0] ?? null,
    list: () => c.query<KioskRow>('SELECT * FROM kiosks ORDER BY window_id, created_at'),
    revoke: (id, at) => c.write(async (q) => (await q('UPDATE kiosks SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [at, id])).length === 1),
    // The window it leaves joins its past windows (once), so ratings it still holds for that window are taken.
    move: (id, siteId, windowId) => c.write(async (q) => (await q(`UPDATE kiosks SET site_id = $1, window_id = $2,
      past_windows = CASE WHEN window_id = $2 OR past_windows::jsonb ? window_id THEN past_windows ELSE (past_windows::jsonb || to_jsonb(window_id))::text END
      WHERE id = $3 AND revoked_at IS NULL RETURNING id`, [siteId, windowId, id])).length === 1),
    seen: async (id, at) => { await c.writeOne('UPDATE kiosks SET last_seen_at = $1 WHERE id = $2', [at, id]); },
    seqGaps: (kioskId, limit) => seqGaps(c.query, kioskId, limit),
    saveHeartbeat: (id, heartbeat, gaps, at) => c.write(async (q) => {
      await q(`UPDATE kiosks SET heartbeat = $1, last_seen_at = $2, seq_missing = $3, seq_gaps = $4,
        last_seq = GREATEST(coalesce(last_seq, 0), coalesce($5::bigint, 0)) WHERE id = $6`, [heartbeat, at, gaps.missing, JSON.stringify(gaps.gaps), gaps.highest, id]);
    }),
  };
}

export function pgPairing(c: PgConn): PairingStore {
  return {
    create: (p) => c.write(async (q) => {
      await q('UPDATE pairing_codes SET expires_at = $1 WHERE window_id = $2 AND used_at IS NULL AND expires_at > $1', [p.createdAt, p.windowId]);
      await q('INSERT INTO pairing_codes (code_hash, site_id, window_id, name, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [p.codeHash, p.siteId, p.windowId, p.name, p.createdBy, p.createdAt, p.expiresAt]);
    }),
    redeem: (hash, now) => c.write(async (q): Promise<Redeem> => {
      // FOR UPDATE: two tablets entering the same code at once get one kiosk between them.
      const row = (await q<{ site_id: string; window_id: string; name: string | null; expires_at: number; used_at: number | null }>(
        'SELECT site_id, window_id, name, expires_at, used_at FROM pairing_codes WHERE code_hash = $1 FOR UPDATE', [hash]))[0];
      if (!row) return { kind: 'unknown' };
      if (row.used_at !== null) return { kind: 'used' };
      if (row.expires_at <= now) return { kind: 'expired' };
      await q('UPDATE pairing_codes SET used_at = $1 WHERE code_hash = $2', [now, hash]);
      return { kind: 'ok', siteId: row.site_id, windowId: row.window_id, name: row.name };
    }),
    link: (hash, kioskId) => c.write(async (q) => { await q('UPDATE pairing_codes SET kiosk_id = $1 WHERE code_hash = $2', [kioskId, hash]); }),
    paired: async (kioskId) => (await c.query('SELECT 1 FROM pairing_codes WHERE kiosk_id = $1 LIMIT 1', [kioskId])).length > 0,
  };
}
