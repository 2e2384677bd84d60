/**
 * The 30-day dashboard query set (daily, ranking, heatmap, reasons) over 1M and 10M seeded responses,
 * answered from the roll-ups versus a plain scan of the responses table in the same run,
 * and the roll-up triggers' cost on ingest (insert rate with versus without them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../../src/server/db/sqlite';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import { withoutRollupTriggers } from '../../src/server/stats/rollup';
import { dailyStats } from '../../src/server/stats/daily';
import { ranking } from '../../src/server/stats/ranking';
import { heatmap } from '../../src/server/stats/heatmap';
import { reasons } from '../../src/server/stats/reasons';
import type { Filter } from '../../src/server/routes/query';
import { addDays } from '../../src/shared/time';
import { uuidv7 } from '../../src/shared/ids';

const SIZES = (process.env.BENCH_DASHBOARD_SIZES ?? '1000000,10000000').split(',').map(Number);
const END = '2026-11-20';
const kioskConfig = loadConfig(resolve(import.meta.dirname, '../../kiosk-config'));
const config = new ConfigIndex(kioskConfig);
const site = config.sites.get('demo')!;
const filter: Filter = { site, from: addDays(END, -29), to: END, windowId: null, staffId: null, includeSuspect: false };
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-dash-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, f: () => void): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return median(out);
}

function viaRollup(db: Db): void {
  dailyStats(db, filter);
  ranking(db, config, filter);
  heatmap(db, filter);
  reasons(db, filter);
}

// The same figures straight from the responses table, over its (site_id, day) index.
function viaScan(db: Db): void {
  const p = { site: site.id, from: filter.from, to: filter.to };
  const w = 'site_id = @site AND day BETWEEN @from AND @to';
  db.prepare(`SELECT day, score, suspect, count(*) AS n FROM responses WHERE ${w} GROUP BY day, score, suspect`).all(p);
  db.prepare(`SELECT window_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY window_id, score`).all(p);
  db.prepare(`SELECT staff_id, score, count(*) AS n FROM responses WHERE ${w} AND suspect = 0 GROUP BY staff_id, score`).all(p);
  db.prepare(`SELECT r.window_id, r.staff_id, j.value, count(*) FROM responses r, json_each(r.reasons) j WHERE ${w.replace(/(site_id|day)/g, 'r.$1')} AND r.suspect = 0 AND r.score <= 2 GROUP BY 1, 2, 3`).all(p);
  db.prepare(`SELECT weekday, hour, count(*), sum(score <= 2) FROM responses WHERE ${w} AND suspect = 0 GROUP BY weekday, hour`).all(p);
}

function querySet(n: number): void {
  const file = join(dir, `dash-${n}.sqlite`);
  const db = openDb(file);
  const t0 = performance.now();
  withoutRollupTriggers(db, () => seedResponses(db, kioskConfig, { responses: n, end: END, days: 365 }));
  const seedS = (performance.now() - t0) / 1000;
  const inRange = (db.prepare('SELECT count(*) AS n FROM responses WHERE site_id = ? AND day BETWEEN ? AND ?').get(site.id, filter.from, filter.to) as { n: number }).n;
  viaRollup(db); viaScan(db); // warm the page cache for both
  const rollMs = time(7, () => viaRollup(db));
  const scanMs = time(3, () => viaScan(db));
  console.log(`${n.toLocaleString("en")} responses (seeded in ${seedS.toFixed(0)} s incl. roll-up rebuild; ${inRange} in the 30 days):`);
  console.log(`  30-day query set via roll-up: ${rollMs.toFixed(1)} ms   plain scan: ${scanMs.toFixed(0)} ms   ratio ${(scanMs / rollMs).toFixed(0)}×`);
  db.close();
  rmSync(file, { force: true }); rmSync(`${file}-wal`, { force: true }); rmSync(`${file}-shm`, { force: true });
}

function ingestRate(withTriggers: boolean): number {
  const N = 200_000, BATCH = 200;
  const db = openDb(join(dir, `ingest-${withTriggers}.sqlite`));
  if (!withTriggers) for (const t of ['rollup_responses_insert', 'rollup_responses_update', 'rollup_responses_delete']) db.exec(`DROP TRIGGER ${t}`);
  const ins = db.prepare(`INSERT INTO responses (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, channel, score, scale, reasons,
    device_time, received_at, counted_at, day, hour, weekday, seq) VALUES (?, 0, 'x', 'demo', ?, ?, 'k', 'kiosk', ?, 5, ?, 'x', 0, ?, ?, ?, ?, ?)`);
  const base = Date.parse('2026-11-01T01:00:00Z');
  const t0 = performance.now();
  for (let b = 0; b < N; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < b + BATCH; i++) {
        const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
        const at = base + i * 10_000;
        ins.run(uuidv7(at), `w0${(i % 5) + 1}`, `s100${(i % 5) + 1}`, score, score <= 2 ? '["slow"]' : '[]', at, `2026-11-${String(1 + Math.floor(i / 8640)).padStart(2, '0')}`, 9 + (i % 8), i % 7, i);
      }
    })();
  }
  const rate = (N / (performance.now() - t0)) * 1000;
  db.close();
  return rate;
}

const plain = ingestRate(false);
const triggered = ingestRate(true);
console.log(`Ingest, 200 rows per transaction: ${plain.toFixed(0)} rows/s without roll-up triggers, ${triggered.toFixed(0)} rows/s with them (${(triggered / plain).toFixed(2)}× the rate)`);
for (const n of SIZES) querySet(n);
rmSync(dir, { recursive: true, force: true });
