/** QR signing secrets, service cases (一事一评) and per-phone rating times on PostgreSQL. */
import type { PgConn } from './connection';
import type { QrStore, QrUseRow } from '../types';

const USE_COLS = 'SELECT record_id AS "recordId", device_id AS "deviceId", at, received_at AS "receivedAt", score, token_id AS "tokenId", address FROM qr_phone_ratings';
import type { CaseRow, SecretRow } from '../rows';

export function pgQr(c: PgConn): QrStore {
  return {
    ensureSecrets: (siteIds, make, now) => c.write(async (q) => {
      for (const id of siteIds) {
        const s = make();
        // The partial unique index keeps one active secret per site when several processes start together.
        await q(`INSERT INTO qr_secrets (kid, site_id, secret, created_at) SELECT $1, $2, $3, $4
          WHERE NOT EXISTS (SELECT 1 FROM qr_secrets WHERE site_id = $2 AND retired_at IS NULL)
          ON CONFLICT (site_id) WHERE retired_at IS NULL DO NOTHING`, [s.kid, id, s.secret, now]);
      }
    }),
    activeSecret: async (siteId) => (await c.query<SecretRow>('SELECT kid, site_id, secret FROM qr_secrets WHERE site_id = $1 AND retired_at IS NULL', [siteId]))[0] ?? null,
    secretByKid: async (kid) => (await c.query<SecretRow>('SELECT kid, site_id, secret FROM qr_secrets WHERE kid = $1 AND retired_at IS NULL', [kid]))[0] ?? null,
    rotate: (siteId, fresh, now) => c.write(async (q) => {
      await q('UPDATE qr_secrets SET retired_at = $1 WHERE site_id = $2 AND retired_at IS NULL', [now, siteId]);
      await q('INSERT INTO qr_secrets (kid, site_id, secret, created_at) VALUES ($1, $2, $3, $4)', [fresh.kid, siteId, fresh.secret, now]);
    }),
    registerCase: (k, now) => c.write(async (q) => {
      await q('INSERT INTO qr_cases (case_no, site_id, window_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_no) DO NOTHING',
        [k.caseNo, k.siteId, k.windowId, k.by, now]);
      return (await q<CaseRow>('SELECT case_no, site_id, window_id, rectified_at, created_by FROM qr_cases WHERE case_no = $1', [k.caseNo]))[0]!;
    }),
    caseByNo: async (caseNo) => (await c.query<CaseRow>('SELECT case_no, site_id, window_id, rectified_at, created_by FROM qr_cases WHERE case_no = $1', [caseNo]))[0] ?? null,
    markRectified: (caseNo, now) => c.write(async (q) => (await q('UPDATE qr_cases SET rectified_at = coalesce(rectified_at, $1) WHERE case_no = $2 RETURNING 1', [now, caseNo])).length === 1),
    caseRated: async (caseNo, followUp, exceptId) => (await c.query('SELECT 1 FROM responses WHERE case_no = $1 AND follow_up = $2 AND id <> $3 LIMIT 1',
      [caseNo, followUp ? 1 : 0, exceptId])).length === 1,
    holdWindowUses: (windowId) => c.write(async (q) => { await q("SELECT pg_advisory_xact_lock(hashtext('qr-uses:' || $1))", [windowId]); }),
    notePhoneRating: (r) => c.write(async (q) => {
      await q(`INSERT INTO qr_phone_ratings (record_id, device_id, window_id, at, received_at, score, token_id, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (record_id) DO NOTHING`, [r.recordId, r.deviceId, r.windowId, r.at, r.receivedAt, r.score, r.tokenId, r.address]);
    }),
    qrUses: (windowId, from, to, arrivedAfter) => c.query<QrUseRow>(`(${USE_COLS} WHERE window_id = $1 AND at > $2 AND at <= $3 ORDER BY at DESC LIMIT 500)
      UNION (${USE_COLS} WHERE window_id = $1 AND received_at > $4 ORDER BY received_at DESC LIMIT 500)`, [windowId, from, to, arrivedAfter]),
    tokenUses: (tokenId) => c.query<QrUseRow>(`${USE_COLS} WHERE token_id = $1 AND token_id <> '' LIMIT 50`, [tokenId]),
  };
}
