/**
 * The 30-day dashboard query set (daily, ranking, heatmap, reasons) over 1M and 10M seeded responses,
 * answered from the roll-ups versus a plain scan of the responses table in the same run; then the same on
 * PostgreSQL (BENCH_DATABASE_URL, default the test database) at BENCH_DASHBOARD_PG_SIZES (default 1,000,000).
 * (What keeping the roll-ups costs ingest is in ingest.bench.ts: the product's rate against raw inserts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type Store } from '../../src/server/store';
import { sqliteScanQuerySet } from '../../src/server/store/sqlite/baseline';
import { pgScanQuerySet } from '../../src/server/store/postgres/baseline';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import { rollupQuery } from '../../src/server/stats/where';
import type { Filter } from '../../src/server/routes/query';
import { addDays } from '../../src/shared/time';
import { dashboardQuerySet, median, time } from './dashboard-kit';

const SIZES = (process.env.BENCH_DASHBOARD_SIZES ?? '1000000,10000000').split(',').map(Number);
const END = '2026-11-20';
const kioskConfig = loadConfig(resolve(import.meta.dirname, '../../kiosk-config'));
const config = new ConfigIndex(kioskConfig);
const site = config.sites.get('demo')!;
const filter: Filter = { site, from: addDays(END, -29), to: END, windowId: null, staffId: null, includeSuspect: false };
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-dash-'));

const viaRollup = (store: Store) => dashboardQuerySet(store, config, filter);

async function querySet(n: number): Promise<void> {
  const file = join(dir, `dash-${n}.sqlite`);
  const store = await openStore({ file });
  const t0 = performance.now();
  await seedResponses(store, kioskConfig, { responses: n, end: END, days: 365 });
  const seedS = (performance.now() - t0) / 1000;
  const inRange = (await store.stats.levelCounts(rollupQuery(filter, { suspect: 'all' }), [])).reduce((a, r) => a + r.n, 0);
  const scan = () => sqliteScanQuerySet(file, rollupQuery(filter));
  await viaRollup(store); scan(); // warm the page cache for both
  const rollMs = await time(7, () => viaRollup(store));
  const scanMs = median([scan(), scan(), scan()]);
  console.log(`${n.toLocaleString('en')} responses (SQLite; seeded in ${seedS.toFixed(0)} s incl. roll-up rebuild; ${inRange} in the 30 days):`);
  console.log(`  30-day query set via roll-up: ${rollMs.toFixed(1)} ms   plain scan: ${scanMs.toFixed(0)} ms   ratio ${(scanMs / rollMs).toFixed(0)}×`);
  await store.close();
  rmSync(file, { force: true }); rmSync(`${file}-wal`, { force: true }); rmSync(`${file}-shm`, { force: true });
}

for (const n of SIZES) await querySet(n);

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
for (const n of (process.env.BENCH_DASHBOARD_PG_SIZES ?? '1000000').split(',').map(Number)) {
  const schema = scratchSchema('bench');
  const store = await openStore({ url: PG, schema, dropSchemaOnClose: true });
  try {
    const t0 = performance.now();
    await seedResponses(store, kioskConfig, { responses: n, end: END, days: 365 });
    const seedS = (performance.now() - t0) / 1000;
    const scan = () => pgScanQuerySet(PG, schema, rollupQuery(filter));
    await viaRollup(store); await scan();
    const rollMs = await time(7, () => viaRollup(store));
    const scanMs = median([await scan(), await scan(), await scan()]);
    console.log(`${n.toLocaleString('en')} responses (PostgreSQL; seeded in ${seedS.toFixed(0)} s incl. roll-up rebuild):`);
    console.log(`  30-day query set via roll-up: ${rollMs.toFixed(1)} ms   plain scan: ${scanMs.toFixed(0)} ms   ratio ${(scanMs / rollMs).toFixed(0)}×`);
  } finally {
    await store.close();
  }
}
rmSync(dir, { recursive: true, force: true });
