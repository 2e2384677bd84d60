/** Scheduled-job leases and the retention purge on PostgreSQL. */
import type { PgConn } from './connection';
import type { LeaseStore, RetentionStore } from '../types';

export function pgLeases(c: PgConn): LeaseStore {
  return {
    acquire: (name, holder, now, ttlMs) => c.write(async (q) => (await q(`INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE job_leases.expires_at <= $4 OR job_leases.holder = excluded.holder RETURNING 1`, [name, holder, now + ttlMs, now])).length === 1),
    release: (name, holder) => c.write(async (q) => { await q('DELETE FROM job_leases WHERE name = $1 AND holder = $2', [name, holder]); }),
  };
}

export function pgRetention(c: PgConn): RetentionStore {
  return {
    erase: (siteId, before) => c.write(async (q) => ({
      phones: (await q<{ n: number }>('WITH u AS (UPDATE responses SET phone = NULL WHERE site_id = $1 AND received_at < $2 AND phone IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n,
      contacts: (await q<{ n: number }>('WITH u AS (UPDATE suggestions SET contact = NULL WHERE site_id = $1 AND received_at < $2 AND contact IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n,
    })),
  };
}
