/**
 * The dashboard and the CSV export on PostgreSQL beside SQLite, in the same run on the same seeded rows
 * (BENCH_ENGINES_N responses over a year, default 200,000): the 30-day dashboard query set from the roll-ups
 * (median of 7) and GET /api/v1/export/responses.csv over loopback HTTP for the whole year. PostgreSQL at
 * BENCH_DATABASE_URL (default the test database), in a scratch schema dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type Store } from '../../src/server/store';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';
import type { Filter } from '../../src/server/routes/query';
import { addDays } from '../../src/shared/time';
import { dashboardQuerySet, time } from './dashboard-kit';
import { exportOverHttp } from './export-http';

const N = Number(process.env.BENCH_ENGINES_N ?? 200_000);
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const END = '2026-11-20';
const FROM = addDays(END, -364);
const kioskConfig = loadConfig(resolve(import.meta.dirname, '../../kiosk-config'));
const config = new ConfigIndex(kioskConfig);
const filter: Filter = { site: config.sites.get('demo')!, from: addDays(END, -29), to: END, windowId: null, staffId: null, includeSuspect: false };

interface Figures { seedS: number; dashboardMs: number; exportRows: number; exportRowsPerSecond: number }

async function measure(store: Store): Promise<Figures> {
  try {
    const t0 = performance.now();
    await seedResponses(store, kioskConfig, { responses: N, end: END, days: 365, now: Date.parse(`${END}T23:59:59Z`) });
    const seedS = (performance.now() - t0) / 1000;
    await dashboardQuerySet(store, config, filter); // warm
    const dashboardMs = await time(7, () => dashboardQuerySet(store, config, filter));
    const run = await exportOverHttp(store, config, FROM, END);
    return { seedS, dashboardMs, exportRows: run.rows, exportRowsPerSecond: run.rowsPerSecond };
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'fk-bench-engines-'));
try {
  const sqlite = await measure(await openStore({ file: join(dir, 'engines.sqlite') }));
  const pg = await measure(await openStore({ url: PG, schema: scratchSchema('bench'), dropSchemaOnClose: true }));
  if (pg.exportRows !== sqlite.exportRows) throw new Error(`the engines exported ${sqlite.exportRows} and ${pg.exportRows} rows`);
  console.log(`dashboard and export, PostgreSQL beside SQLite: ${N.toLocaleString('en')} responses over a year (seeded in ${sqlite.seedS.toFixed(0)} s and ${pg.seedS.toFixed(0)} s)`);
  console.log(`  30-day dashboard query set (roll-ups): SQLite ${sqlite.dashboardMs.toFixed(1)} ms   PostgreSQL ${pg.dashboardMs.toFixed(1)} ms   ratio PG/SQLite ${(pg.dashboardMs / sqlite.dashboardMs).toFixed(2)}`);
  console.log(`  CSV export of the year (${sqlite.exportRows.toLocaleString('en')} rows, HTTP): SQLite ${sqlite.exportRowsPerSecond.toFixed(0)} rows/s   PostgreSQL ${pg.exportRowsPerSecond.toFixed(0)} rows/s   ratio PG/SQLite ${(pg.exportRowsPerSecond / sqlite.exportRowsPerSecond).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
