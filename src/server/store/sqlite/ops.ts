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
    erase: (siteId, before) => c.write((db) => ({
      phones: stmt(db, 'UPDATE responses SET phone = NULL WHERE site_id = ? AND received_at < ? AND phone IS NOT NULL').run(siteId, before).changes,
      contacts: stmt(db, 'UPDATE suggestions SET contact = NULL WHERE site_id = ? AND received_at < ? AND contact IS NOT NULL').run(siteId, before).changes,
    })),
  };
}
