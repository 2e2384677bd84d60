/** Ingest on SQLite: rows by prepared statement, then the batch's roll-up changes as one upsert per key. */
import type { Conn, Db } from './connection';
import { stmt } from './connection';
import type { IngestStore, IngestWrite } from '../types';
import type { ResponseRow, SuggestionRow } from '../rows';
import { rollupDeltas, type RollupDeltas } from '../rollup-deltas';

const RESPONSE_COLS = ['id', 'rev', 'payload_hash', 'site_id', 'window_id', 'staff_id', 'kiosk_id', 'device_id', 'channel', 'token_kind', 'case_no',
  'follow_up', 'score', 'scale', 'reasons', 'comment', 'phone', 'device_time', 'received_at', 'counted_at', 'day', 'hour', 'weekday',
  'seq', 'suspect', 'flags'] as const;
const SUGGESTION_COLS = ['id', 'rev', 'payload_hash', 'site_id', 'window_id', 'staff_id', 'kiosk_id', 'device_id', 'channel', 'category', 'text',
  'contact', 'device_time', 'received_at', 'counted_at', 'day', 'seq', 'flags'] as const;

const insertSql = (table: string, cols: readonly string[]) =>
  `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')}) ON CONFLICT (id) DO NOTHING`;

/** Rows of `table` whose id is listed, read in chunks under SQLite's variable limit. */
function findByIds<Row extends { id: string }>(db: Db, table: string, ids: readonly string[]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = stmt(db, `SELECT * FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Row[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Adds the batch's roll-up changes: one statement run per key. */
export function writeRollups(db: Db, d: RollupDeltas): void {
  const daily = stmt(db, `INSERT INTO rollup_daily (site_id, day, window_id, staff_id, score, suspect, n)
    VALUES (@site_id, @day, @window_id, @staff_id, @score, @suspect, @n) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  const hourly = stmt(db, `INSERT INTO rollup_hourly (site_id, day, window_id, staff_id, hour, weekday, suspect, n, bad)
    VALUES (@site_id, @day, @window_id, @staff_id, @hour, @weekday, @suspect, @n, @bad) ON CONFLICT DO UPDATE SET n = n + excluded.n, bad = bad + excluded.bad`);
  const reasons = stmt(db, `INSERT INTO rollup_reasons (site_id, day, window_id, staff_id, reason, suspect, n)
    VALUES (@site_id, @day, @window_id, @staff_id, @reason, @suspect, @n) ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  for (const r of d.daily) daily.run(r);
  for (const r of d.hourly) hourly.run(r);
  for (const r of d.reasons) reasons.run(r);
}

export function sqliteIngest(c: Conn): IngestStore {
  return {
    findResponses: async (ids) => findByIds<ResponseRow>(c.read, 'responses', ids),
    findSuggestions: async (ids) => findByIds<SuggestionRow>(c.read, 'suggestions', ids),
    write: (w: IngestWrite) => c.write((db) => {
      const skipped = new Set<string>();
      const insR = stmt(db, insertSql('responses', RESPONSE_COLS));
      const inserted: ResponseRow[] = [];
      for (const r of w.responses.insert) {
        if (insR.run(r).changes === 1) inserted.push(r);
        else skipped.add(r.id);
      }
      // A later survey step: rating, reasons, comment and phone may change; when it was received stays.
      const updR = stmt(db, `UPDATE responses SET rev = @rev, payload_hash = @payload_hash, staff_id = @staff_id, score = @score,
        reasons = @reasons, comment = @comment, phone = @phone, suspect = @suspect, flags = @flags WHERE id = @id`);
      for (const u of w.responses.update) updR.run(u.row);
      const insS = stmt(db, insertSql('suggestions', SUGGESTION_COLS));
      for (const s of w.suggestions.insert) if (insS.run(s).changes !== 1) skipped.add(s.id);
      const updS = stmt(db, 'UPDATE suggestions SET rev = @rev, payload_hash = @payload_hash, category = @category, text = @text, contact = @contact WHERE id = @id');
      for (const s of w.suggestions.update) updS.run(s);
      writeRollups(db, rollupDeltas(inserted, w.responses.update));
      return { skipped };
    }),
  };
}
