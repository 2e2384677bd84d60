/** Streamed exports and the audit log on PostgreSQL: keyset pages, each read when the consumer pulls it. */
import type { PgConn } from './connection';
import type { AuditEntry, AuditQuery, AuditStore, ExportQuery, ExportStore } from '../types';
import type { AuditRow, ResponseRow, SuggestionRow } from '../rows';

/** Pages in (day, id) order over the (site_id, day, id) index; no transaction is held between pages. */
async function* dayIdPages<Row extends { day: string; id: string }>(c: PgConn, table: string, q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<Row[]> {
  const params: unknown[] = [q.siteId, q.from, q.to];
  const where = ['site_id = $1', 'day >= $2', 'day <= $3'];
  if (q.windowId) where.push(`window_id = $${params.push(q.windowId)}`);
  if (q.staffId) where.push(`staff_id = $${params.push(q.staffId)}`);
  if (suspectColumn && !q.includeSuspect) where.push('suspect = 0');
  const limit = `$${params.length + 1}`;
  const after = `(day, id) > ($${params.length + 2}, $${params.length + 3})`;
  let last: Row | null = null;
  for (;;) {
    const rows: Row[] = last
      ? await c.query<Row>(`SELECT * FROM ${table} WHERE ${where.join(' AND ')} AND ${after} ORDER BY day, id LIMIT ${limit}`, [...params, pageSize, last.day, last.id])
      : await c.query<Row>(`SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY day, id LIMIT ${limit}`, [...params, pageSize]);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!;
  }
}

export function pgExports(c: PgConn): ExportStore {
  return {
    responses: (q, pageSize) => dayIdPages<ResponseRow>(c, 'responses', q, pageSize, true),
    suggestions: (q, pageSize) => dayIdPages<SuggestionRow>(c, 'suggestions', q, pageSize, false),
  };
}

function auditWhere(q: AuditQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.from, q.to];
  const parts = ['at >= $1', 'at < $2'];
  if (q.action) parts.push(`action = $${params.push(q.action)}`);
  if (q.actor) parts.push(`actor = $${params.push(q.actor)}`);
  return { sql: parts.join(' AND '), params };
}

export function pgAudit(c: PgConn): AuditStore {
  return {
    append: (e) => c.write(async (q) => {
      await q('INSERT INTO audit (at, actor, action, detail, address) VALUES ($1, $2, $3, $4, $5)', [e.at, e.actor, e.action, e.detail, e.address]);
    }),
    appendMany: (es) => c.write(async (q) => {
      if (es.length === 0) return;
      const col = (k: keyof AuditEntry) => es.map((e) => e[k]);
      // Ids follow the given order: the rows are numbered as they come out of the ordered SELECT.
      await q(`INSERT INTO audit (at, actor, action, detail, address) SELECT at, actor, action, detail, address
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(at, actor, action, detail, address, ord) ORDER BY ord`,
        [col('at'), col('actor'), col('action'), col('detail'), col('address')]);
    }),
    list(q, limit, before) {
      const w = auditWhere(q);
      const params = [...w.params];
      const older = before ? ` AND id < $${params.push(before)}` : '';
      return c.query<AuditRow>(`SELECT * FROM audit WHERE ${w.sql}${older} ORDER BY id DESC LIMIT $${params.push(limit)}`, params);
    },
    async *pages(q, pageSize) {
      const w = auditWhere(q);
      let after = 0;
      for (;;) {
        const rows = await c.query<AuditRow>(`SELECT * FROM audit WHERE ${w.sql} AND id > $${w.params.length + 1} ORDER BY id LIMIT $${w.params.length + 2}`, [...w.params, after, pageSize]);
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}
