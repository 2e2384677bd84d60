/** Alerts, the notification outbox, report runs and alert channels on PostgreSQL. */
import type { PgConn } from './connection';
import { raisedOnce } from '../../../shared/alerts/rules';
import type { AlertRow, AlertStore, ChannelRow, ChannelStore, OutboxEntry, OutboxStore, RecentRatingRow } from '../alerts';

const inList = (values: readonly string[], from: number) => values.map((_, i) => `$${i + from}`).join(',') || 'NULL';

/** Only the alerts naming `assignee` as the person they are for (none given: every alert); `$from` is its parameter. */
const addressed = (assignee: string | undefined, from: number): { sql: string; args: string[] } =>
  assignee === undefined ? { sql: '', args: [] } : { sql: ` AND (facts::jsonb ->> 'assignee') = $${from}`, args: [assignee] };

export function pgAlerts(c: PgConn): AlertStore {
  const scoped = (siteIds: readonly string[] | 'all', from: number) =>
    siteIds === 'all' ? { sql: 'TRUE', args: [] as string[] } : { sql: `site_id IN (${inList(siteIds, from)})`, args: [...siteIds] };
  return {
    raise: (a) => c.write(async (q) => {
      const oneOff = raisedOnce(a.kind);
      const exists = await q('SELECT 1 FROM alerts WHERE key = $1 AND (closed_at IS NULL OR $2) LIMIT 1', [a.key, oneOff]);
      if (exists.length) return false;
      const r = await q(`INSERT INTO alerts (id, key, kind, site_id, window_id, kiosk_id, facts, link, raised_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
      [a.id, a.key, a.kind, a.site_id, a.window_id, a.kiosk_id, a.facts, a.link, a.raised_at]);
      return r.length === 1;
    }),
    openKeys: async (siteId, kinds) => c.query<{ key: string; kind: string }>(
      `SELECT key, kind FROM alerts WHERE site_id = $1 AND closed_at IS NULL AND kind IN (${inList(kinds, 2)})`, [siteId, ...kinds]),
    close: (siteId, keys, at) => c.write(async (q) => {
      let n = 0;
      for (const k of keys) n += (await q('UPDATE alerts SET closed_at = $1 WHERE site_id = $2 AND key = $3 AND closed_at IS NULL RETURNING 1', [at, siteId, k])).length;
      return n;
    }),
    list: async (siteIds, limit, assignee) => {
      const s = scoped(siteIds, 1);
      const to = addressed(assignee, s.args.length + 1);
      const args = [...s.args, ...to.args];
      return c.query<AlertRow>(`SELECT * FROM alerts WHERE ${s.sql}${to.sql} ORDER BY raised_at DESC, id DESC LIMIT $${args.length + 1}`, [...args, limit]);
    },
    unread: async (siteIds, assignee) => {
      const s = scoped(siteIds, 1);
      const to = addressed(assignee, s.args.length + 1);
      return Number((await c.query<{ n: number }>(`SELECT count(*) AS n FROM alerts WHERE ${s.sql}${to.sql} AND acked_at IS NULL`, [...s.args, ...to.args]))[0]!.n);
    },
    get: async (id) => (await c.query<AlertRow>('SELECT * FROM alerts WHERE id = $1', [id]))[0] ?? null,
    acknowledge: (id, by, comment, at) => c.write(async (q) =>
      (await q('UPDATE alerts SET acked_at = $1, acked_by = $2, ack_comment = $3 WHERE id = $4 AND acked_at IS NULL RETURNING 1', [at, by, comment, id])).length === 1),
    recentRatings: async (windowId, limit) => (await c.query<RecentRatingRow>(`SELECT id, window_id, score, received_at FROM responses
      WHERE window_id = $1 AND suspect = 0 ORDER BY received_at DESC, id DESC LIMIT $2`, [windowId, limit])).reverse(),
    lastRun: async (job) => (await c.query<{ key: string }>('SELECT key FROM report_runs WHERE job = $1', [job]))[0]?.key ?? null,
    recordRun: (job, key, at) => c.write(async (q) => {
      await q('INSERT INTO report_runs (job, key, at) VALUES ($1, $2, $3) ON CONFLICT (job) DO UPDATE SET key = excluded.key, at = excluded.at', [job, key, at]);
    }),
  };
}

interface OutboxRow {
  id: string; channel_id: string; message: string; since: number; attempts: number; next_at: number;
  batch_id: string | null; status: OutboxEntry['status']; last_error: string | null; answer: string | null;
}
const entry = (r: OutboxRow): OutboxEntry => ({
  id: r.id, channelId: r.channel_id, message: JSON.parse(r.message) as OutboxEntry['message'], since: Number(r.since), attempts: r.attempts,
  nextAt: Number(r.next_at), batchId: r.batch_id, status: r.status, lastError: r.last_error, answer: r.answer,
});

export function pgOutbox(c: PgConn): OutboxStore {
  return {
    enqueue: (e, now) => c.write(async (q) => (await q(`INSERT INTO alert_outbox (id, channel_id, message, since, next_at, status)
      VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (id) DO NOTHING RETURNING 1`, [e.id, e.channelId, JSON.stringify(e.message), now, now])).length === 1),
    pending: async () => (await c.query<OutboxRow>(`SELECT * FROM alert_outbox WHERE status = 'pending' ORDER BY seq`)).map(entry),
    claim: (ids, batchId) => c.write(async (q) => {
      for (const id of ids) await q('UPDATE alert_outbox SET batch_id = $1 WHERE id = $2 AND batch_id IS NULL', [batchId, id]);
    }),
    settle: (batchId, s) => c.write(async (q) => {
      await q(`UPDATE alert_outbox SET status = $1, answer = $2, last_error = COALESCE($3, last_error), attempts = $4
        WHERE batch_id = $5 AND status = 'pending'`, [s.status, s.answer ?? null, s.error ?? null, s.attempts, batchId]);
    }),
    retry: (batchId, s) => c.write(async (q) => {
      await q(`UPDATE alert_outbox SET attempts = $1, next_at = $2, last_error = $3 WHERE batch_id = $4 AND status = 'pending'`, [s.attempts, s.nextAt, s.error, batchId]);
    }),
    list: async (status, limit) => (await c.query<OutboxRow>(`SELECT * FROM (SELECT * FROM alert_outbox WHERE $1 = 'all' OR status = $1
      ORDER BY seq DESC LIMIT $2) x ORDER BY seq`, [status, limit])).map(entry),
    resend: (id, now) => c.write(async (q) => {
      const r = (await q<OutboxRow>(`SELECT * FROM alert_outbox WHERE id = $1 AND status = 'dead'`, [id]))[0];
      if (!r) return false;
      await q('DELETE FROM alert_outbox WHERE id = $1', [id]);
      await q(`INSERT INTO alert_outbox (id, channel_id, message, since, next_at, status, last_error) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
        [id, r.channel_id, r.message, now, now, r.last_error]);
      return true;
    }),
  };
}

export function pgChannels(c: PgConn): ChannelStore {
  return {
    list: async (siteId) => c.query<ChannelRow>(`SELECT * FROM alert_channels WHERE $1 = 'all' OR site_id = $1 ORDER BY created_at, id`, [siteId]),
    get: async (id) => (await c.query<ChannelRow>('SELECT * FROM alert_channels WHERE id = $1', [id]))[0] ?? null,
    put: (ch) => c.write(async (q) => {
      await q(`INSERT INTO alert_channels (id, site_id, kind, name, url, secret, recipients, lang, kinds, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, url = excluded.url, secret = excluded.secret,
        recipients = excluded.recipients, lang = excluded.lang, kinds = excluded.kinds`,
      [ch.id, ch.site_id, ch.kind, ch.name, ch.url, ch.secret, ch.recipients, ch.lang, ch.kinds, ch.created_at]);
    }),
    remove: (id) => c.write(async (q) => (await q('DELETE FROM alert_channels WHERE id = $1 RETURNING 1', [id])).length === 1),
  };
}
