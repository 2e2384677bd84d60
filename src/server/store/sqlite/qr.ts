/** QR signing secrets, service cases (一事一评) and per-phone rating times on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { QrStore } from '../types';
import type { CaseRow, SecretRow } from '../rows';

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
      return stmt(db, 'SELECT case_no, site_id, window_id, rectified_at FROM qr_cases WHERE case_no = ?').get(k.caseNo) as CaseRow;
    }),
    caseByNo: async (caseNo) => (stmt(c.read, 'SELECT case_no, site_id, window_id, rectified_at FROM qr_cases WHERE case_no = ?').get(caseNo) as CaseRow | undefined) ?? null,
    markRectified: (caseNo, now) => c.write((db) => stmt(db, 'UPDATE qr_cases SET rectified_at = coalesce(rectified_at, ?) WHERE case_no = ?').run(now, caseNo).changes === 1),
    caseRated: async (caseNo, followUp, exceptId) => stmt(c.read, 'SELECT 1 FROM responses WHERE case_no = ? AND follow_up = ? AND id <> ?')
      .get(caseNo, followUp ? 1 : 0, exceptId) !== undefined,
    notePhoneRating: (r) => c.write((db) => {
      stmt(db, 'INSERT INTO qr_phone_ratings (record_id, device_id, window_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING')
        .run(r.recordId, r.deviceId, r.windowId, r.at);
    }),
    phoneRatedBetween: async (deviceId, windowId, exceptId, from, to) => stmt(c.read, `SELECT 1 FROM qr_phone_ratings WHERE device_id = ? AND window_id = ?
      AND record_id <> ? AND at > ? AND at <= ? LIMIT 1`).get(deviceId, windowId, exceptId, from, to) !== undefined,
  };
}
