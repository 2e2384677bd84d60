/** Ingest on PostgreSQL: one multi-row INSERT … ON CONFLICT per table, updates from unnest(), roll-ups as one upsert per key. */
import type { PgConn, Query } from './connection';
import type { IngestStore, IngestWrite } from '../types';
import type { ResponseRow, SuggestionRow } from '../rows';
import { rollupDeltas, type RollupDeltas } from '../rollup-deltas';
import { insertIgnoring, RESPONSE_COLUMNS, SUGGESTION_COLUMNS, unnest, type Column } from './unnest';

const byId = <R extends { id: string }>(a: R, b: R) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The last of several updates of one id: each carries the merged state so far. */
const lastPerId = <R extends { id: string }>(rows: readonly R[]) => [...new Map(rows.map((r) => [r.id, r])).values()].sort(byId);

const DAILY: readonly Column[] = [['site_id', 'text'], ['day', 'text'], ['window_id', 'text'], ['staff_id', 'text'], ['score', 'int'], ['suspect', 'int'], ['n', 'bigint']];
const HOURLY: readonly Column[] = [['site_id', 'text'], ['day', 'text'], ['window_id', 'text'], ['staff_id', 'text'], ['hour', 'int'], ['weekday', 'int'], ['suspect', 'int'], ['n', 'bigint'], ['bad', 'bigint']];
const REASONS: readonly Column[] = [['site_id', 'text'], ['day', 'text'], ['window_id', 'text'], ['staff_id', 'text'], ['reason', 'text'], ['suspect', 'int'], ['n', 'bigint']];

const keyOrder = (r: object) => JSON.stringify(Object.values(r).slice(0, 6));
const sorted = <R extends object>(rows: R[]) => rows.sort((a, b) => (keyOrder(a) < keyOrder(b) ? -1 : 1)); // one lock order for every process

/**
 * Adds a batch's roll-up changes: one upsert per key, all three tables in one statement (one round trip), keys in
 * one order so concurrent batches cannot deadlock.
 */
export async function writeRollups(q: Query, d: RollupDeltas): Promise<void> {
  const params: unknown[] = [];
  const upserts: string[] = [];
  const upsert = (table: string, cols: readonly Column[], rows: object[], pk: string, set: string) => {
    if (rows.length === 0) return;
    const u = unnest(cols, sorted(rows), params.length + 1);
    params.push(...u.params);
    upserts.push(`INSERT INTO ${table} (${cols.map(([n]) => n).join(', ')}) ${u.sql} ON CONFLICT (${pk}) DO UPDATE SET ${set}`);
  };
  upsert('rollup_daily', DAILY, d.daily, 'site_id, day, window_id, staff_id, score, suspect', 'n = rollup_daily.n + excluded.n');
  upsert('rollup_hourly', HOURLY, d.hourly, 'site_id, day, window_id, staff_id, hour, suspect', 'n = rollup_hourly.n + excluded.n, bad = rollup_hourly.bad + excluded.bad');
  upsert('rollup_reasons', REASONS, d.reasons, 'site_id, day, window_id, staff_id, reason, suspect', 'n = rollup_reasons.n + excluded.n');
  if (upserts.length === 0) return;
  const last = upserts.pop()!;
  await q(upserts.length ? `WITH ${upserts.map((s, i) => `r${i} AS (${s})`).join(', ')} ${last}` : last, params);
}

async function find<Row extends { id: string }>(q: Query, table: string, ids: readonly string[], forWrite = false): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  // Locked in id order, as rows are inserted: two batches holding some of the same ids wait for each other, never deadlock.
  const rows = await q<Row>(`SELECT * FROM ${table} WHERE id = ANY($1::text[])${forWrite ? ' ORDER BY id FOR UPDATE' : ''}`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}

export function pgIngest(c: PgConn): IngestStore {
  return {
    findResponses: (ids, forWrite) => find<ResponseRow>(c.query, 'responses', ids, forWrite),
    findSuggestions: (ids, forWrite) => find<SuggestionRow>(c.query, 'suggestions', ids, forWrite),
    write: (w: IngestWrite) => c.write(async (q) => {
      const skipped = new Set<string>();
      const insert = async <R extends { id: string }>(table: string, cols: readonly Column[], rows: readonly R[]): Promise<R[]> => {
        if (rows.length === 0) return [];
        const s = insertIgnoring(table, cols, [...rows].sort(byId)); // ids in one order: concurrent batches wait, never deadlock
        const got = new Set((await q<{ id: string }>(s.sql, s.params)).map((r) => r.id));
        for (const r of rows) if (!got.has(r.id)) skipped.add(r.id);
        return rows.filter((r) => got.has(r.id));
      };
      const inserted = await insert('responses', RESPONSE_COLUMNS, w.responses.insert);
      await insert('suggestions', SUGGESTION_COLUMNS, w.suggestions.insert);
      const ru = lastPerId(w.responses.update.map((u) => u.row));
      if (ru.length) {
        const u = unnest(RESPONSE_COLUMNS.filter(([n]) => ['id', 'rev', 'payload_hash', 'staff_id', 'score', 'reasons', 'comment', 'phone', 'suspect', 'flags'].includes(n)), ru);
        await q(`UPDATE responses r SET rev = u.rev, payload_hash = u.payload_hash, staff_id = u.staff_id, score = u.score, reasons = u.reasons,
          comment = u.comment, phone = u.phone, suspect = u.suspect, flags = u.flags FROM (${u.sql}) AS u WHERE r.id = u.id`, u.params);
      }
      const su = lastPerId(w.suggestions.update);
      if (su.length) {
        const u = unnest(SUGGESTION_COLUMNS.filter(([n]) => ['id', 'rev', 'payload_hash', 'category', 'text', 'contact'].includes(n)), su);
        await q(`UPDATE suggestions s SET rev = u.rev, payload_hash = u.payload_hash, category = u.category, text = u.text, contact = u.contact
          FROM (${u.sql}) AS u WHERE s.id = u.id`, u.params);
      }
      await writeRollups(q, rollupDeltas(inserted, w.responses.update));
      return { skipped };
    }),
  };
}
