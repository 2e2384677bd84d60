/**
 * `npm run migrate-store -- --from data/kiosk.sqlite --to "$DATABASE_URL"`: copies every table from one store to
 * another (SQLite → PostgreSQL, or back), then checks row counts and a checksum per table, and rebuilds the roll-ups.
 * Rows already in the target are left as they are, so an interrupted copy is finished by running it again; a target
 * an endpoint has started on (its own admin or signing secret) is refused. A PostgreSQL side is opened in
 * DATABASE_SCHEMA when that is set, as the endpoint opens it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
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

/** Every row of `table` in key order, read a page at a time. */
async function* rowsOf(store: Store, table: string, key: string): AsyncGenerator<Record<string, unknown>> {
  for (let after: string | number | null = null; ;) {
    const rows = await store.tables.scan(table, after, PAGE);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]![key] as string | number;
  }
}

/** A row as JSON with its columns sorted: equal on both engines for equal data. */
const rowText = (r: Record<string, unknown>): string => JSON.stringify(r, Object.keys(r).sort());

/** SHA-256 over every row in key order, each as `rowText`. */
export async function tableChecksum(store: Store, table: string, key: string): Promise<string> {
  const h = createHash('sha256');
  for await (const r of rowsOf(store, table, key)) h.update(rowText(r) + '\n');
  return h.digest('hex');
}

/** Small tables an endpoint fills at its first start (its admin, its signing secrets): rows of its own there mean one ran on the target. */
const FIRST_START_TABLES = ['users', 'qr_secrets'] as const;

/** Rows of `table` in the target that are not, as they are, in the source (all rows of both are read: small tables). */
async function ownRows(from: Store, to: Store, table: string, key: string): Promise<number> {
  const source = new Set<string>();
  for await (const r of rowsOf(from, table, key)) source.add(rowText(r));
  let own = 0;
  for await (const r of rowsOf(to, table, key)) if (!source.has(rowText(r))) own++;
  return own;
}

/**
 * The tables in the order they are copied: `settings` first, then the others in an order that satisfies references.
 * `settings` holds where the retention purge stopped masking numbers in the words; copied after the responses, it could
 * tell the target that comments a purge on a live source masked after they were copied had been masked, and the
 * target's purge would never look at them. Copied first, it is never ahead of the rows: the target's purge masks them.
 */
export const copyOrder = (names: readonly string[]): string[] => [...names.filter((n) => n === 'settings'), ...names.filter((n) => n !== 'settings')];

/**
 * Copies every table, verifies each, rebuilds the target's roll-ups. `stopAfterPages` simulates an interruption (tests).
 * A target an endpoint has already started on is refused before anything is copied: its own admin and signing secrets
 * would stay, every poster and case code signed with the source's secret would stop working, and no second run mends it.
 */
export async function copyStore(from: Store, to: Store, keys: Readonly<Record<string, string>>, opts: { stopAfterPages?: number; log?: (line: string) => void } = {}): Promise<TableReport[]> {
  const own: string[] = [];
  for (const table of FIRST_START_TABLES) {
    const n = await ownRows(from, to, table, keys[table]!);
    if (n > 0) own.push(`${table}: ${n}`);
  }
  if (own.length > 0) {
    throw new MigrateRefused(`the target holds rows of its own (${own.join(', ')}): an endpoint has started on it. Copy into an empty database or schema, before any endpoint starts on it`);
  }
  const reports: TableReport[] = [];
  const budget = { pages: opts.stopAfterPages ?? Infinity };
  for (const table of copyOrder(from.tables.names())) {
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

/** A copy refused before it starts: no source database, or a target an endpoint has already started on. */
export class MigrateRefused extends Error {}

/**
 * A store named on the command line: postgres://… (in DATABASE_SCHEMA when set, as the endpoint reads it) or a SQLite
 * file, which must exist when it is the source (a mistyped path would otherwise be a new, empty database).
 */
function storeAt(where: string, role: 'source' | 'target'): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(where)) return openStore({ url: where, schema: process.env.DATABASE_SCHEMA || undefined });
  const file = resolve(where);
  if (role === 'source' && !existsSync(file)) throw new MigrateRefused(`no database at ${file}`);
  return openStore({ file });
}

async function main(): Promise<void> {
  const fromArg = arg('from');
  const toArg = arg('to');
  if (!fromArg || !toArg) {
    console.error('usage: npm run migrate-store -- --from data/kiosk.sqlite --to postgres://user@host:5432/db');
    process.exit(2);
  }
  const { TABLES } = await import('../store/tables');
  const from = await storeAt(fromArg, 'source');
  const to = await storeAt(toArg, 'target');
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
    if (e instanceof MigrateRefused) {
      console.error(`migrate-store: ${e.message}`);
      process.exit(2);
    }
    // A store that cannot be opened (PostgreSQL unreachable, a bad DATABASE_SCHEMA) is said in one line, as the endpoint says it.
    const err = e as NodeJS.ErrnoException & { errors?: Error[] };
    console.error(`migrate-store: ${err.message || err.code || err.errors?.map((x) => x.message).join('; ') || String(e)}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(e);
    process.exit(1);
  });
}
