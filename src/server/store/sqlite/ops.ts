/** Scheduled-job leases and the retention purge on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { LeaseStore, RetentionStore } from '../types';

export function sqliteLeases(c: Conn): LeaseStore {
  return {
    acquire: (name, holder, now, ttlMs) => c.write((db) => stmt(db, `INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE job_leases.expires_at <= ? OR job_leases.holder = excluded.holder`).run(name, holder, now + ttlMs, now).changes === 1),
    release: (name, holder) => c.write((db) => { stmt(db, 'DELETE FROM job_leases WHERE name = ? AND holder = ?').run(name, holder); }),
  };
}

export function sqliteRetention(c: Conn): RetentionStore {
  return {
    erase: (siteId, before, maskText) => c.write((db) => {
      const phones = stmt(db, 'UPDATE responses SET phone = NULL WHERE site_id = ? AND received_at < ? AND phone IS NOT NULL').run(siteId, before).changes;
      const contacts = stmt(db, 'UPDATE suggestions SET contact = NULL WHERE site_id = ? AND received_at < ? AND contact IS NOT NULL').run(siteId, before).changes;
      const key = `retention.texts.${siteId}`;
      const since = Number((stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? 0);
      let texts = 0;
      if (since < before) {
        for (const [table, column] of [['responses', 'comment'], ['suggestions', 'text']] as const) {
          const found = stmt(db, `SELECT id, ${column} AS words FROM ${table} WHERE site_id = ? AND received_at >= ? AND received_at < ? AND ${column} GLOB '*[0-9]*'`)
            .all(siteId, since, before) as Array<{ id: string; words: string }>;
          const update = stmt(db, `UPDATE ${table} SET ${column} = ? WHERE id = ?`);
          for (const r of found) {
            const masked = maskText(r.words);
            if (masked !== r.words) { update.run(masked, r.id); texts++; }
          }
        }
        stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(before));
      }
      return { phones, contacts, texts };
    }),
  };
}
