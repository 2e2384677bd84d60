/**
 * `npm run migrate-store -- --from data/kiosk.sqlite --to "$DATABASE_URL"`: copies every table from one store to
 * another (SQLite → PostgreSQL, or back), then checks row counts and a checksum per table, and rebuilds the roll-ups.
 * Rows already in the target are left as they are, so an interrupted copy is finished by running it again.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore, type Store } from '../store';

const PAGE = 2000;

export interface TableReport { table: string; copied: number; source: number; target: number; checksum: string; same: boolean }

/** Copies `table` page by page in key order; returns how many rows were new in the target. */
async function copyTable(from: Store, to: Store, table: string, key: string, budget: { pages: number }): Promise<number> {
  let after: string | number | null = null;
  let copied = 0;
  for (;;) {
    if (budget.pages-- <= 0) throw new Error(`copy stopped in ${table}`);
    const rows = await from.tables.scan(table, after, PAGE);
    if (rows.length === 0) return copied;
    copied += await to.tables.insert(table, rows);
    after = rows[rows.length - 1]![key] as string | number;
  }
}

/** SHA-256 over every row in key order, each as JSON with its columns sorted: equal on both engines for equal data. */
export async function tableChecksum(store: Store, table: string, key: string): Promise<string> {
  const h = createHash('sha256');
  let after: string | number | null = null;
  for (;;) {
    const rows = await store.tables.scan(table, after, PAGE);
    if (rows.length === 0) return h.digest('hex');
    for (const r of rows) h.update(JSON.stringify(r, Object.keys(r).sort()) + '\n');
    after = rows[rows.length - 1]![key] as string | number;
  }
}

/** Copies every table, verifies each, rebuilds the target's roll-ups. `stopAfterPages` simulates an interruption (tests). */
export async function copyStore(from: Store, to: Store, keys: Readonly<Record<string, string>>, opts: { stopAfterPages?: number; log?: (line: string) => void } = {}): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  const budget = { pages: opts.stopAfterPages ?? Infinity };
  for (const table of from.tables.names()) {
    const key = keys[table]!;
    const copied = await copyTable(from, to, table, key, budget);
    const [source, target, a, b] = await Promise.all([
      from.tables.count(table), to.tables.count(table), tableChecksum(from, table, key), tableChecksum(to, table, key),
    ]);
    const report = { table, copied, source, target, checksum: a.slice(0, 16), same: source === target && a === b };
    reports.push(report);
    opts.log?.(`${table.padEnd(18)} ${String(source).padStart(9)} rows, ${String(copied).padStart(9)} copied now, checksum ${report.checksum} ${report.same ? 'same' : 'DIFFERENT'}`);
  }
  const rolled = await to.stats.rebuildRollups();
  opts.log?.(`roll-ups rebuilt in the target: ${rolled.daily} daily, ${rolled.hourly} hourly, ${rolled.reasons} reason rows`);
  return reports;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A store named on the command line: postgres://… or a SQLite file. */
function storeAt(where: string): Promise<Store> {
  return /^postgres(ql)?:\/\//.test(where) ? openStore({ url: where }) : openStore({ file: resolve(where) });
}

async function main(): Promise<void> {
  const fromArg = arg('from');
  const toArg = arg('to');
  if (!fromArg || !toArg) {
    console.error('usage: npm run migrate-store -- --from data/kiosk.sqlite --to postgres://user@host:5432/db');
    process.exit(2);
  }
  const { TABLES } = await import('../store/tables');
  const [from, to] = await Promise.all([storeAt(fromArg), storeAt(toArg)]);
  try {
    const t0 = performance.now();
    const reports = await copyStore(from, to, TABLES, { log: (l) => console.log(l) });
    const bad = reports.filter((r) => !r.same);
    console.log(bad.length === 0
      ? `Copied ${reports.length} tables from ${from.engine} to ${to.engine} in ${((performance.now() - t0) / 1000).toFixed(1)} s; every count and checksum matches.`
      : `Differences in ${bad.map((r) => r.table).join(', ')}: rows written to the target since the copy started, or a copy to fix and run again.`);
    if (bad.length) process.exitCode = 1;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
