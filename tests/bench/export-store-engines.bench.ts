/**
 * Streamed CSV export: N responses (default 1,000,000) downloaded over loopback HTTP from
 * GET /api/v1/export/responses.csv, against SQLite's own iteration over the same rows in the same run.
 * Reports rows/s for both, their ratio, and the peak RSS while the export streams. Then the same export on
 * PostgreSQL (BENCH_DATABASE_URL, default the test database; BENCH_EXPORT_PG_N rows, default 200,000) against one
 * SELECT of the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type ResponseRow } from '../../src/server/store';
import { sqliteCheckpoint, sqliteIterate } from '../../src/server/store/sqlite/baseline';
import { pgIterate } from '../../src/server/store/postgres/baseline';
import type { Store } from '../../src/server/store';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { exportOverHttp, type ExportRun } from './export-http';
import { uuidv7 } from '../../src/shared/ids';
import { addDays } from '../../src/shared/time';

const N = Number(process.env.BENCH_EXPORT_N ?? 1_000_000);
const FROM = '2026-01-01';
const TO = '2026-12-31';
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-export-'));
const file = join(dir, 'export.sqlite');
let store: Store = await openStore({ file });
let n = N;
const config = new ConfigIndex(loadConfig(resolve(import.meta.dirname, '../../kiosk-config')));

async function fill(N: number): Promise<void> {
  const t0 = Date.parse(`${FROM}T02:00:00Z`);
  let rows: ResponseRow[] = [];
  for (let i = 0; i < N; i++) {
    const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
    const at = t0 + Math.floor((i / N) * 330 * 86_400_000);
    rows.push({
      id: uuidv7(at), rev: 0, payload_hash: 'x', site_id: 'demo', window_id: `w0${(i % 5) + 1}`, staff_id: 's1001', kiosk_id: 'k', device_id: null, channel: 'kiosk',
      token_kind: null, case_no: null, follow_up: 0, score, scale: 5, reasons: score <= 2 ? '["slow"]' : '[]',
      comment: score <= 2 ? '排队时间太长，"窗口"少, 希望改进' : null, phone: score <= 2 && i % 3 === 0 ? '13812345678' : null,
      device_time: new Date(at).toISOString(), received_at: at, counted_at: at, day: addDays(FROM, Math.floor((i / N) * 330)), hour: 10, weekday: 0,
      seq: i + 1, suspect: 0, flags: '',
    });
    if (rows.length === 50_000) {
      await store.tables.insert('responses', rows as unknown as Record<string, unknown>[]);
      rows = [];
    }
  }
  await store.tables.insert('responses', rows as unknown as Record<string, unknown>[]);
}

// Baseline: SQLite stepping through the same rows in the same order, nothing else.
function sqliteIteration(): number {
  const { rows, ms } = sqliteIterate(file, 'demo', FROM, TO);
  if (rows !== N) throw new Error(`iterated ${rows} of ${N}`);
  return (rows / ms) * 1000;
}

/** The export over HTTP; every row of the store must come out. */
async function overHttp(): Promise<ExportRun> {
  const run = await exportOverHttp(store, config, FROM, TO);
  if (run.rows !== n) throw new Error(`exported ${run.rows} rows of ${n}`);
  return run;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
await fill(N);
sqliteCheckpoint(file); // both readers see the rows in the main file, not a 300 MB WAL
global.gc?.();
const rssAfterFill = process.memoryUsage().rss;
const base = Math.max(sqliteIteration(), sqliteIteration()); // the better of two passes: a warm page cache
const http = await overHttp();
console.log(`export: ${N} responses streamed as CSV (${mb(http.bytes)})`);
console.log(`  SQLite iteration of the same rows (baseline): ${base.toFixed(0)} rows/s`);
console.log(`  GET /api/v1/export/responses.csv over loopback HTTP: ${http.rowsPerSecond.toFixed(0)} rows/s`);
console.log(`  ratio export / SQLite iteration: ${(http.rowsPerSecond / base).toFixed(3)}`);
console.log(`  peak RSS while streaming: ${mb(http.peakRss)} (before: ${mb(rssAfterFill)}; the CSV itself is ${mb(http.bytes)})`);
await store.close();

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
n = Number(process.env.BENCH_EXPORT_PG_N ?? 200_000);
const schema = scratchSchema('bench');
store = await openStore({ url: PG, schema, dropSchemaOnClose: true });
try {
  await fill(n);
  // The export first: the baseline's one SELECT holds every row in this process, and the RSS it leaves would be read
  // as the export's.
  const rssBefore = process.memoryUsage().rss;
  const pgHttp = await overHttp();
  const it = await pgIterate(PG, schema, 'demo', FROM, TO);
  const pgBase = (it.rows / it.ms) * 1000;
  console.log(`export (PostgreSQL): ${n} responses streamed as CSV (${mb(pgHttp.bytes)})`);
  console.log(`  one SELECT of the same rows (baseline): ${pgBase.toFixed(0)} rows/s`);
  console.log(`  GET /api/v1/export/responses.csv over loopback HTTP (keyset pages of 1000): ${pgHttp.rowsPerSecond.toFixed(0)} rows/s`);
  console.log(`  ratio export / SELECT: ${(pgHttp.rowsPerSecond / pgBase).toFixed(3)}   peak RSS while streaming: ${mb(pgHttp.peakRss)} (before: ${mb(rssBefore)}; endpoint and client in this one process)`);
} finally {
  await store.close();
}
rmSync(dir, { recursive: true, force: true });
