/** QR signing secrets, service cases (一事一评) and per-phone rating times on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { QrStore, QrUseRow } from '../types';
import type { CaseRow, SecretRow } from '../rows';

const USE_COLS = 'SELECT record_id AS recordId, device_id AS deviceId, at, received_at AS receivedAt, score, token_id AS tokenId, address FROM qr_phone_ratings';

export function sqliteQr(c: Conn): QrStore {
  return {
    ensureSecrets: (siteIds, make, now) => c.write((db) => {
      for (const id of siteIds) {
        if (stmt(db, 'SELECT 1 FROM qr_secrets WHERE site_id = ? AND retired_at IS NULL').get(id)) continue;
        const s = make();
        stmt(db, 'INSERT INTO qr_secrets (kid, site_id, secret, created_at) VALUES (?, ?, ?, ?)').run(s.kid, id, s.secret, now);
      }
    }),
    activeSecret: async (siteId) => (stmt(c.read, 'SELECT kid, site_id, secret FROM qr_secrets WHERE site_id = ? AND retired_at IS NULL').get(siteId) as SecretRow | undefined) ?? null,
    secretByKid: async (kid) => (stmt(c.read, 'SELECT kid, site_id, secret FROM qr_secrets WHERE kid = ? AND retired_at IS NULL').get(kid) as SecretRow | undefined) ?? null,
    rotate: (siteId, fresh, now) => c.write((db) => {
      stmt(db, 'UPDATE qr_secrets SET retired_at = ? WHERE site_id = ? AND retired_at IS NULL').run(now, siteId);
      stmt(db, 'INSERT INTO qr_secrets (kid, site_id, secret, created_at) VALUES (?, ?, ?, ?)').run(fresh.kid, siteId, fresh.secret, now);
    }),
    registerCase: (k, now) => c.write((db) => {
      stmt(db, 'INSERT INTO qr_cases (case_no, site_id, window_id, created_by, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_no) DO NOTHING')
        .run(k.caseNo, k.siteId, k.windowId, k.by, now);
      return stmt(db, 'SELECT case_no, site_id, window_id, rectified_at, created_by FROM qr_cases WHERE case_no = ?').get(k.caseNo) as CaseRow;
    }),
    caseByNo: async (caseNo) => (stmt(c.read, 'SELECT case_no, site_id, window_id, rectified_at, created_by FROM qr_cases WHERE case_no = ?').get(caseNo) as CaseRow | undefined) ?? null,
    markRectified: (caseNo, now) => c.write((db) => stmt(db, 'UPDATE qr_cases SET rectified_at = coalesce(rectified_at, ?) WHERE case_no = ?').run(now, caseNo).changes === 1),
    caseRated: async (caseNo, followUp, exceptId) => stmt(c.read, 'SELECT 1 FROM responses WHERE case_no = ? AND follow_up = ? AND id <> ?')
      .get(caseNo, followUp ? 1 : 0, exceptId) !== undefined,
    holdWindowUses: async () => {},
    notePhoneRating: (r) => c.write((db) => {
      stmt(db, `INSERT INTO qr_phone_ratings (record_id, device_id, window_id, at, received_at, score, token_id, address)
        VALUES (@recordId, @deviceId, @windowId, @at, @receivedAt, @score, @tokenId, @address) ON CONFLICT (record_id) DO NOTHING`).run(r);
    }),
    qrUses: async (windowId, from, to, arrivedAfter) => stmt(c.read, `SELECT * FROM (${USE_COLS} WHERE window_id = ? AND at > ? AND at <= ? ORDER BY at DESC LIMIT 500)
      UNION SELECT * FROM (${USE_COLS} WHERE window_id = ? AND received_at > ? ORDER BY received_at DESC LIMIT 500)`)
      .all(windowId, from, to, windowId, arrivedAfter) as QrUseRow[],
    tokenUses: async (tokenId) => stmt(c.read, `${USE_COLS} WHERE token_id = ? AND token_id <> '' LIMIT 50`).all(tokenId) as QrUseRow[],
  };
}
