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
    erase: (siteId, before, maskText) => c.write(async (q) => {
      const phones = (await q<{ n: number }>('WITH u AS (UPDATE responses SET phone = NULL WHERE site_id = $1 AND received_at < $2 AND phone IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n;
      const contacts = (await q<{ n: number }>('WITH u AS (UPDATE suggestions SET contact = NULL WHERE site_id = $1 AND received_at < $2 AND contact IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n;
      const key = `retention.texts.${siteId}`;
      // Two processes purging at once (an admin's 立即清理 beside the daily job) do no harm: a masked number is masked again to itself.
      const since = Number((await q<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value ?? 0);
      let texts = 0;
      if (since < before) {
        for (const [table, column] of [['responses', 'comment'], ['suggestions', 'text']] as const) {
          const found = await q<{ id: string; words: string }>(`SELECT id, ${column} AS words FROM ${table} WHERE site_id = $1 AND received_at >= $2 AND received_at < $3 AND ${column} ~ '[0-9]'`,
            [siteId, since, before]);
          for (const r of found) {
            const masked = maskText(r.words);
            if (masked !== r.words) { await q(`UPDATE ${table} SET ${column} = $1 WHERE id = $2`, [masked, r.id]); texts++; }
          }
        }
        await q('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(before)]);
      }
      return { phones, contacts, texts };
    }),
  };
}
