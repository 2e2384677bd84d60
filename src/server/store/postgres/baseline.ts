/**
 * Physical baselines for the benches on PostgreSQL: COPY of the same rows into the same table with its indexes,
 * and the dashboard's figures straight from the responses table, in a schema of the bench's own.
 */
import { writeFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ResponseRow, RollupQuery } from '../index';
import { connectPg } from './connection';
import { RESPONSE_COLUMNS } from './unnest';

// In COPY's CSV an unquoted empty field is NULL: an empty string is written quoted.
const csvCell = (v: unknown) => (v === null || v === undefined ? '' : String(v) === '' || /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** COPY of `rows` into a fresh schema's responses table (indexes in place, no roll-ups); returns ms of the COPY alone. */
export async function pgCopyResponses(url: string, rows: readonly ResponseRow[]): Promise<number> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const conns = await connectPg(url, schema, { dropOnClose: true, max: 1 });
  const file = join(tmpdir(), `${schema}.csv`);
  writeFileSync(file, rows.map((r) => RESPONSE_COLUMNS.map(([c]) => csvCell((r as unknown as Record<string, unknown>)[c])).join(',')).join('\n') + '\n');
  chmodSync(file, 0o644); // read by the database server's own user
  try {
    const t0 = performance.now();
    await conns.top.write((q) => q(`COPY responses (${RESPONSE_COLUMNS.map(([c]) => c).join(', ')}) FROM '${file}' WITH (FORMAT csv)`));
    return performance.now() - t0;
  } finally {
    rmSync(file, { force: true });
    await conns.close();
  }
}

/** One table's rows for `pgCopyTables`, their columns taken from the first row. */
export interface CopyRows { table: string; rows: ReadonlyArray<Record<string, unknown>> }

/**
 * COPY of each table's rows, in the order given, into a fresh schema's tables (indexes in place); returns ms of the
 * COPYs alone. The least PostgreSQL can spend to hold what ingest writes for the same records.
 */
export async function pgCopyTables(url: string, tables: readonly CopyRows[]): Promise<number> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const conns = await connectPg(url, schema, { dropOnClose: true, max: 1 });
  const files = tables.filter((t) => t.rows.length > 0).map((t, i) => {
    const cols = Object.keys(t.rows[0]!);
    const file = join(tmpdir(), `${schema}_${i}.csv`);
    writeFileSync(file, t.rows.map((r) => cols.map((c) => csvCell(r[c])).join(',')).join('\n') + '\n');
    chmodSync(file, 0o644); // read by the database server's own user
    return { sql: `COPY ${t.table} (${cols.join(', ')}) FROM '${file}' WITH (FORMAT csv)`, file };
  });
  try {
    const t0 = performance.now();
    await conns.top.write(async (q) => {
      for (const f of files) await q(f.sql);
    });
    return performance.now() - t0;
  } finally {
    for (const f of files) rmSync(f.file, { force: true });
    await conns.close();
  }
}

/** The dashboard's 30-day figures straight from the responses table (no roll-ups); returns ms. */
export async function pgScanQuerySet(url: string, schema: string, q: RollupQuery): Promise<number> {
  const conns = await connectPg(url, schema, { max: 1 });
  const run = conns.top.query;
  const p = [q.siteId, q.from, q.to];
  const w = 'site_id = $1 AND day BETWEEN $2 AND $3';
  const t0 = performance.now();
  await run(`SELECT day, score, suspect, count(*) AS n FROM responses WHERE ${w} GROUP BY day, score, suspect`, p);
  await run(`SELECT window_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY window_id, score`, p);
  await run(`SELECT staff_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY staff_id, score`, p);
  await run(`SELECT r.window_id, r.staff_id, j.value, count(*) FROM responses r, json_array_elements_text(r.reasons::json) j(value)
    WHERE r.site_id = $1 AND r.day BETWEEN $2 AND $3 AND r.suspect = 0 AND r.score <= 2 GROUP BY 1, 2, 3`, p);
  await run(`SELECT weekday, hour, count(*), count(*) FILTER (WHERE score <= 2) FROM responses WHERE ${w} AND suspect = 0 GROUP BY weekday, hour`, p);
  const ms = performance.now() - t0;
  await conns.close();
  return ms;
}

/**
 * Reading a site's responses of a day range in (day, id) order in one statement, nothing else: `columns` as arrays
 * (as exports read them), or without them every column as objects; returns rows and ms.
 */
export async function pgIterate(url: string, schema: string, siteId: string, from: string, to: string, columns?: readonly string[]): Promise<{ rows: number; ms: number }> {
  const conns = await connectPg(url, schema, { max: 1 });
  const t0 = performance.now();
  const sql = `SELECT ${columns ? columns.join(', ') : '*'} FROM responses WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND suspect = 0 ORDER BY day, id`;
  const rows = (columns ? await conns.top.arrays(sql, [siteId, from, to]) : await conns.top.query(sql, [siteId, from, to])).length;
  const ms = performance.now() - t0;
  await conns.close();
  return { rows, ms };
}
