/**
 * Physical baselines for the benches (tests/bench), on a file of their own: what SQLite does with no product
 * logic at all, so a bench can report the product's rate as a ratio measured in the same run.
 */
import type { ResponseRow, RollupQuery } from '../index';
import { connect, stmt } from './connection';
import { MIGRATIONS } from './migrations';

const COLS = ['id', 'rev', 'payload_hash', 'site_id', 'window_id', 'staff_id', 'kiosk_id', 'channel', 'token_kind', 'case_no',
  'follow_up', 'score', 'scale', 'reasons', 'comment', 'phone', 'device_time', 'received_at', 'counted_at', 'day', 'hour', 'weekday',
  'seq', 'suspect', 'flags'];

/** Inserts the rows into the responses table (its indexes, no roll-ups) with one prepared statement, `batch` per transaction; returns ms. */
export function sqliteRawInsert(file: string, rows: readonly ResponseRow[], batch: number): number {
  const c = connect(file);
  const ins = stmt(c.writer, `INSERT INTO responses (${COLS.join(', ')}) VALUES (${COLS.map((x) => `@${x}`).join(', ')})`);
  const t0 = performance.now();
  for (let b = 0; b < rows.length; b += batch) {
    c.writer.transaction(() => {
      for (const r of rows.slice(b, b + batch)) ins.run(r);
    })();
  }
  const ms = performance.now() - t0;
  c.close();
  return ms;
}

/** One table's rows as a batch writes them: plain INSERTs, or with `add`, upserts adding those counters on the table's key. */
export interface RawRows { table: string; rows: ReadonlyArray<Record<string, unknown>>; add?: readonly string[] }

/**
 * Writes every batch's rows into the same tables (indexes in place), each table by one prepared statement, one
 * transaction per batch, nothing read or computed; returns ms. What ingest must write for the same records, at the
 * least cost SQLite offers for it.
 */
export function sqliteRawBatches(file: string, batches: ReadonlyArray<readonly RawRows[]>): number {
  const c = connect(file);
  const statement = (t: RawRows) => {
    const cols = Object.keys(t.rows[0]!);
    const upsert = t.add ? ` ON CONFLICT DO UPDATE SET ${t.add.map((a) => `${a} = ${a} + excluded.${a}`).join(', ')}` : '';
    return stmt(c.writer, `INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map((x) => `@${x}`).join(', ')})${upsert}`);
  };
  const t0 = performance.now();
  for (const batch of batches) {
    c.writer.transaction(() => {
      for (const t of batch) {
        if (t.rows.length === 0) continue;
        const ins = statement(t);
        for (const r of t.rows) ins.run(r);
      }
    })();
  }
  const ms = performance.now() - t0;
  c.close();
  return ms;
}

/** What ingest wrote into a database file, table by table in the order it wrote them; read outside any bench timing. */
export interface Ingested {
  responses: ResponseRow[];
  cases: Array<Record<string, unknown> & { number: string; site_id: string; source_id: string }>;
  events: Array<Record<string, unknown> & { case_number: string }>;
  audit: Array<Record<string, unknown> & { detail: string }>;
}

/** The responses, follow-up cases, their timeline entries and the cases' audit lines of a database file. */
export function sqliteIngested(file: string): Ingested {
  const c = connect(file);
  try {
    const all = <Row>(sql: string) => c.reader.prepare(sql).all() as Row[];
    return {
      responses: all('SELECT * FROM responses ORDER BY seq'),
      cases: all('SELECT * FROM followup_cases ORDER BY number'),
      events: all('SELECT case_number, seq, at, actor, action, from_state, to_state, note, detail FROM followup_events ORDER BY id'),
      audit: all("SELECT at, actor, action, detail, address FROM audit WHERE action LIKE 'case.%' ORDER BY id"),
    };
  } finally {
    c.close();
  }
}

/** The dashboard's 30-day figures straight from the responses table (no roll-ups), over its (site_id, day) index; returns ms. */
export function sqliteScanQuerySet(file: string, q: RollupQuery): number {
  const c = connect(file);
  const db = c.reader;
  const p = { site: q.siteId, from: q.from, to: q.to };
  const w = 'site_id = @site AND day BETWEEN @from AND @to';
  const t0 = performance.now();
  db.prepare(`SELECT day, score, suspect, count(*) AS n FROM responses WHERE ${w} GROUP BY day, score, suspect`).all(p);
  db.prepare(`SELECT window_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY window_id, score`).all(p);
  db.prepare(`SELECT staff_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY staff_id, score`).all(p);
  db.prepare(`SELECT r.window_id, r.staff_id, j.value, count(*) FROM responses r, json_each(r.reasons) j WHERE ${w.replace(/(site_id|day)/g, 'r.$1')} AND r.suspect = 0 AND r.score <= 2 GROUP BY 1, 2, 3`).all(p);
  db.prepare(`SELECT weekday, hour, count(*), sum(score <= 2) FROM responses WHERE ${w} AND suspect = 0 GROUP BY weekday, hour`).all(p);
  const ms = performance.now() - t0;
  c.close();
  return ms;
}

/** Runs step `index` of the schema ladder once more over the file's rows as they are (a step's work on rows an older release wrote). */
export function sqliteRerunStep(file: string, index: number): void {
  const c = connect(file);
  try {
    MIGRATIONS.at(index)!(c.writer);
  } finally {
    c.close();
  }
}

/** Folds the write-ahead log into the main file, so readers of a freshly loaded file start even. */
export function sqliteCheckpoint(file: string): void {
  const c = connect(file);
  c.writer.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
}

/**
 * SQLite stepping through a site's responses of a day range in (day, id) order, nothing else: `SELECT *` as objects,
 * or with `columns` those columns as arrays (raw mode, the cheapest way better-sqlite3 hands rows to JavaScript).
 * Returns rows, wall ms and CPU ms of this process.
 */
export function sqliteIterate(file: string, siteId: string, from: string, to: string, columns?: readonly string[]): { rows: number; ms: number; cpuMs: number } {
  const c = connect(file);
  const sql = `SELECT ${columns ? columns.join(', ') : '*'} FROM responses WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 ORDER BY day, id`;
  const it = c.reader.prepare(sql).raw(Boolean(columns));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  for (const _row of it.iterate(siteId, from, to)) rows++;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  c.close();
  return { rows, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}
