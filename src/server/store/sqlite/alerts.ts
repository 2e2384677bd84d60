/** Alerts, the notification outbox, report runs and alert channels on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import { raisedOnce } from '../../../shared/alerts/rules';
import type { AlertRow, AlertStore, ChannelRow, ChannelStore, OutboxEntry, OutboxStore } from '../alerts';

const scope = (siteIds: readonly string[] | 'all'): { sql: string; args: string[] } =>
  siteIds === 'all' ? { sql: '1 = 1', args: [] } : { sql: `site_id IN (${siteIds.map(() => '?').join(',') || "''"})`, args: [...siteIds] };

/** Only the alerts naming `assignee` as the person they are for (none given: every alert). */
const addressed = (assignee: string | undefined): { sql: string; args: string[] } =>
  assignee === undefined ? { sql: '', args: [] } : { sql: ` AND json_extract(facts, '$.assignee') = ?`, args: [assignee] };

export function sqliteAlerts(c: Conn): AlertStore {
  return {
    raise: (a) => c.write((db) => {
      const oneOff = raisedOnce(a.kind);
      const exists = stmt(db, `SELECT 1 FROM alerts WHERE key = ? AND (closed_at IS NULL OR ?) LIMIT 1`).get(a.key, oneOff ? 1 : 0);
      if (exists) return false;
      stmt(db, `INSERT INTO alerts (id, key, kind, site_id, window_id, kiosk_id, facts, link, raised_at)
        VALUES (@id, @key, @kind, @site_id, @window_id, @kiosk_id, @facts, @link, @raised_at)`).run(a);
      return true;
    }),
    openKeys: async (siteId, kinds) => stmt(c.read, `SELECT key, kind FROM alerts WHERE site_id = ? AND closed_at IS NULL
      AND kind IN (${kinds.map(() => '?').join(',') || "''"})`).all(siteId, ...kinds) as Array<{ key: string; kind: string }>,
    close: (siteId, keys, at) => c.write((db) => {
      let n = 0;
      for (const k of keys) n += stmt(db, 'UPDATE alerts SET closed_at = ? WHERE site_id = ? AND key = ? AND closed_at IS NULL').run(at, siteId, k).changes;
      return n;
    }),
    list: async (siteIds, limit, assignee) => {
      const s = scope(siteIds);
      const to = addressed(assignee);
      return c.read.prepare(`SELECT * FROM alerts WHERE ${s.sql}${to.sql} ORDER BY raised_at DESC, id DESC LIMIT ?`).all(...s.args, ...to.args, limit) as AlertRow[];
    },
    unread: async (siteIds, assignee) => {
      const s = scope(siteIds);
      const to = addressed(assignee);
      return (c.read.prepare(`SELECT COUNT(*) AS n FROM alerts WHERE ${s.sql}${to.sql} AND acked_at IS NULL`).get(...s.args, ...to.args) as { n: number }).n;
    },
    get: async (id) => (stmt(c.read, 'SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined) ?? null,
    acknowledge: (id, by, comment, at) => c.write((db) =>
      stmt(db, 'UPDATE alerts SET acked_at = ?, acked_by = ?, ack_comment = ? WHERE id = ? AND acked_at IS NULL').run(at, by, comment, id).changes === 1),
    recentRatings: async (windowId, limit) => (stmt(c.read, `SELECT id, window_id, score, received_at FROM responses
      WHERE window_id = ? AND suspect = 0 ORDER BY received_at DESC, id DESC LIMIT ?`).all(windowId, limit) as Array<{ id: string; window_id: string; score: number; received_at: number }>).reverse(),
    lastRun: async (job) => (stmt(c.read, 'SELECT key FROM report_runs WHERE job = ?').get(job) as { key: string } | undefined)?.key ?? null,
    recordRun: (job, key, at) => c.write((db) => {
      stmt(db, 'INSERT INTO report_runs (job, key, at) VALUES (?, ?, ?) ON CONFLICT (job) DO UPDATE SET key = excluded.key, at = excluded.at').run(job, key, at);
    }),
  };
}

interface OutboxRow {
  id: string; channel_id: string; message: string; since: number; attempts: number; next_at: number;
  batch_id: string | null; status: OutboxEntry['status']; last_error: string | null; answer: string | null;
}
const entry = (r: OutboxRow): OutboxEntry => ({
  id: r.id, channelId: r.channel_id, message: JSON.parse(r.message) as OutboxEntry['message'], since: r.since, attempts: r.attempts,
  nextAt: r.next_at, batchId: r.batch_id, status: r.status, lastError: r.last_error, answer: r.answer,
});

export function sqliteOutbox(c: Conn): OutboxStore {
  return {
    enqueue: (e, now) => c.write((db) => stmt(db, `INSERT INTO alert_outbox (id, channel_id, message, since, next_at, status)
      VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT (id) DO NOTHING`).run(e.id, e.channelId, JSON.stringify(e.message), now, now).changes === 1),
    pending: async () => (stmt(c.read, `SELECT * FROM alert_outbox WHERE status = 'pending' ORDER BY seq`).all() as OutboxRow[]).map(entry),
    claim: (ids, batchId) => c.write((db) => {
      for (const id of ids) stmt(db, 'UPDATE alert_outbox SET batch_id = ? WHERE id = ? AND batch_id IS NULL').run(batchId, id);
    }),
    settle: (batchId, s) => c.write((db) => {
      stmt(db, `UPDATE alert_outbox SET status = ?, answer = ?, last_error = COALESCE(?, last_error), attempts = ?
        WHERE batch_id = ? AND status = 'pending'`).run(s.status, s.answer ?? null, s.error ?? null, s.attempts, batchId);
    }),
    retry: (batchId, s) => c.write((db) => {
      stmt(db, `UPDATE alert_outbox SET attempts = ?, next_at = ?, last_error = ? WHERE batch_id = ? AND status = 'pending'`)
        .run(s.attempts, s.nextAt, s.error, batchId);
    }),
    list: async (status, limit) => (stmt(c.read, `SELECT * FROM (SELECT * FROM alert_outbox WHERE ? = 'all' OR status = ?
      ORDER BY seq DESC LIMIT ?) ORDER BY seq`).all(status, status, limit) as OutboxRow[]).map(entry),
    resend: (id, now) => c.write((db) => {
      const r = stmt(db, `SELECT * FROM alert_outbox WHERE id = ? AND status = 'dead'`).get(id) as OutboxRow | undefined;
      if (!r) return false;
      // Back at the end of the queue: a new sequence number, a fresh deadline, no batch.
      stmt(db, 'DELETE FROM alert_outbox WHERE id = ?').run(id);
      stmt(db, `INSERT INTO alert_outbox (id, channel_id, message, since, next_at, status, last_error)
        VALUES (?, ?, ?, ?, ?, 'pending', ?)`).run(id, r.channel_id, r.message, now, now, r.last_error);
      return true;
    }),
  };
}

export function sqliteChannels(c: Conn): ChannelStore {
  return {
    list: async (siteId) => stmt(c.read, `SELECT * FROM alert_channels WHERE ? = 'all' OR site_id = ? ORDER BY created_at, id`).all(siteId, siteId) as ChannelRow[],
    get: async (id) => (stmt(c.read, 'SELECT * FROM alert_channels WHERE id = ?').get(id) as ChannelRow | undefined) ?? null,
    put: (ch) => c.write((db) => {
      stmt(db, `INSERT INTO alert_channels (id, site_id, kind, name, url, secret, recipients, lang, kinds, created_at)
        VALUES (@id, @site_id, @kind, @name, @url, @secret, @recipients, @lang, @kinds, @created_at)
        ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, url = excluded.url, secret = excluded.secret,
        recipients = excluded.recipients, lang = excluded.lang, kinds = excluded.kinds`).run(ch);
    }),
    remove: (id) => c.write((db) => stmt(db, 'DELETE FROM alert_channels WHERE id = ?').run(id).changes === 1),
  };
}
