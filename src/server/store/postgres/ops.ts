/** Scheduled-job leases and the retention purge on PostgreSQL. */
import type { PgConn } from './connection';
import type { LeaseStore, RetentionStore } from '../types';
import { markAfter, markOf } from '../retention-mark';

export function pgLeases(c: PgConn): LeaseStore {
  return {
    acquire: (name, holder, now, ttlMs) => c.write(async (q) => (await q(`INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE job_leases.expires_at <= $4 OR job_leases.holder = excluded.holder RETURNING 1`, [name, holder, now + ttlMs, now])).length === 1),
    release: (name, holder) => c.write(async (q) => { await q('DELETE FROM job_leases WHERE name = $1 AND holder = $2', [name, holder]); }),
    read: async (name) => {
      const [row] = await c.query<{ holder: string; expires_at: number }>('SELECT holder, expires_at FROM job_leases WHERE name = $1', [name]);
      return row ? { holder: row.holder, expiresAt: row.expires_at } : null;
    },
    claim: async (name, seen, holder, expiresAt) => (seen
      ? await c.writeOne('UPDATE job_leases SET holder = $1, expires_at = $2 WHERE name = $3 AND holder = $4 AND expires_at = $5 RETURNING 1', [holder, expiresAt, name, seen.holder, seen.expiresAt])
      : await c.writeOne('INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING 1', [name, holder, expiresAt])).length === 1,
  };
}

export function pgRetention(c: PgConn): RetentionStore {
  return {
    erase: (siteId, before) => c.write(async (q) => ({
      phones: (await q<{ n: number }>('WITH u AS (UPDATE responses SET phone = NULL WHERE site_id = $1 AND received_at < $2 AND phone IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n,
      contacts: (await q<{ n: number }>('WITH u AS (UPDATE suggestions SET contact = NULL WHERE site_id = $1 AND received_at < $2 AND contact IS NOT NULL RETURNING 1) SELECT count(*) AS n FROM u', [siteId, before]))[0]!.n,
    })),
    maskTexts: (siteId, table, before, limit, maskText) => c.write(async (q) => {
      const column = table === 'responses' ? 'comment' : 'text';
      const key = `retention.texts.${siteId}.${table}`;
      const mark = markOf((await q<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value);
      if (mark.at >= before) return { masked: 0, done: true };
      const page = await q<{ id: string; received_at: number; words: string }>(`SELECT id, received_at, ${column} AS words FROM ${table}
        WHERE site_id = $1 AND (received_at, id) > ($2, $3) AND received_at < $4 AND ${column} ~ '[0-9０-９]' ORDER BY received_at, id LIMIT $5`,
      [siteId, mark.at, mark.id, before, limit]);
      let masked = 0;
      for (const r of page) {
        const text = maskText(r.words);
        // Only over the words read: a revision stored since keeps its own (ingest masks a late one itself).
        if (text !== r.words) masked += (await q(`UPDATE ${table} SET ${column} = $1 WHERE id = $2 AND ${column} = $3 RETURNING 1`, [text, r.id, r.words])).length;
      }
      const done = page.length < limit;
      // Two processes purging at once (an admin's 立即清理 beside the daily job) do no harm: a masked number masks to itself.
      await q('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, markAfter(before, page.at(-1), done)]);
      return { masked, done };
    }),
  };
}
