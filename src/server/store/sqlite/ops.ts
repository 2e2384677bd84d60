/** Scheduled-job leases and the retention purge on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { LeaseStore, RetentionStore } from '../types';
import { markAfter, markOf } from '../retention-mark';

export function sqliteLeases(c: Conn): LeaseStore {
  return {
    acquire: (name, holder, now, ttlMs) => c.write((db) => stmt(db, `INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE job_leases.expires_at <= ? OR job_leases.holder = excluded.holder`).run(name, holder, now + ttlMs, now).changes === 1),
    release: (name, holder) => c.write((db) => { stmt(db, 'DELETE FROM job_leases WHERE name = ? AND holder = ?').run(name, holder); }),
    read: async (name) => {
      const row = stmt(c.read, 'SELECT holder, expires_at FROM job_leases WHERE name = ?').get(name) as { holder: string; expires_at: number } | undefined;
      return row ? { holder: row.holder, expiresAt: row.expires_at } : null;
    },
    claim: (name, seen, holder, expiresAt) => c.write((db) => (seen
      ? stmt(db, 'UPDATE job_leases SET holder = ?, expires_at = ? WHERE name = ? AND holder = ? AND expires_at = ?').run(holder, expiresAt, name, seen.holder, seen.expiresAt)
      : stmt(db, 'INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run(name, holder, expiresAt)).changes === 1),
  };
}

export function sqliteRetention(c: Conn): RetentionStore {
  return {
    erase: (siteId, before) => c.write((db) => ({
      phones: stmt(db, 'UPDATE responses SET phone = NULL WHERE site_id = ? AND received_at < ? AND phone IS NOT NULL').run(siteId, before).changes,
      contacts: stmt(db, 'UPDATE suggestions SET contact = NULL WHERE site_id = ? AND received_at < ? AND contact IS NOT NULL').run(siteId, before).changes,
    })),
    maskTexts: (siteId, table, before, limit, maskText) => c.write((db) => {
      const column = table === 'responses' ? 'comment' : 'text';
      const key = `retention.texts.${siteId}.${table}`;
      const mark = markOf((stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value);
      if (mark.at >= before) return { masked: 0, done: true };
      const page = stmt(db, `SELECT id, received_at, ${column} AS words FROM ${table} WHERE site_id = ? AND (received_at, id) > (?, ?) AND received_at < ?
        AND ${column} GLOB '*[0-9０-９]*' ORDER BY received_at, id LIMIT ?`).all(siteId, mark.at, mark.id, before, limit) as Array<{ id: string; received_at: number; words: string }>;
      const update = stmt(db, `UPDATE ${table} SET ${column} = ? WHERE id = ? AND ${column} = ?`);
      let masked = 0;
      for (const r of page) {
        const text = maskText(r.words);
        if (text !== r.words) masked += update.run(text, r.id, r.words).changes;
      }
      const done = page.length < limit;
      stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(key, markAfter(before, page.at(-1), done));
      return { masked, done };
    }),
  };
}
