/**
 * Ingest: N responses POSTed to /api/v1/sync in batches of 200 (in process; over loopback HTTP to a server in this
 * process; and to the endpoint in its own process as `npm start` runs it, alert hooks and all, one kiosk at a time and
 * five at once), against raw writes of the same rows into the same tables with their indexes, measured in the same run.
 *
 * The baseline writes what ingest derives as well, read back from the product's own database so it is the same
 * rows: the responses, the roll-ups (one upsert per key per batch, as ingest sums them), the follow-up case of each
 * bad rating with its timeline entry and audit line, and the case-number reservation; on SQLite by prepared
 * statements, one transaction per batch; on PostgreSQL by one COPY per table (BENCH_DATABASE_URL, default the test
 * database; skipped when unreachable). The old baseline (responses alone) is printed too, for the history. The
 * SQLite baselines run twice and the faster run counts.
 *
 * Then the latency of a 200-record sync on an endpoint holding BENCH_SYNC_BASE responses (default 1,000,000;
 * 0 skips it), with the alert hooks wired as src/server/main.ts wires them, against the same syncs without them.
 */
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type ResponseRow, type Store } from '../../src/server/store';
import { pgCopyTables, type CopyRows } from '../../src/server/store/postgres/baseline';
import { sqliteRawBatches, sqliteIngested, sqliteRawInsert, type RawRows } from '../../src/server/store/sqlite/baseline';
import { rollupDeltas } from '../../src/server/store/rollup-deltas';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import type { IngestHook } from '../../src/server/ingest/ingest';
import { alertCaseHook, alertIngestHook } from '../../src/server/alerts/raise';
import { onCaseEvent } from '../../src/server/cases/record';
import { seedResponses } from '../../src/server/cli/seed';
import { uuidv7 } from '../../src/shared/ids';
import { reportGoal } from './goal';
import { freePort } from '../browser/harness';

const N = Number(process.env.BENCH_INGEST_N ?? 50_000);
const SYNC_BASE = Number(process.env.BENCH_SYNC_BASE ?? 1_000_000);
const BATCH = 200;
const kioskConfig = loadConfig(resolve(import.meta.dirname, '../../kiosk-config'));
const config = new ConfigIndex(kioskConfig);
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-ingest-'));

/** The window of the `b`-th batch: five windows' kiosks take turns (a kiosk rates its own window only). */
const windowOf = (b: number) => `w0${(b % 5) + 1}`;

/** A quarter of them bad ratings (each opens a follow-up case), over five windows, one a second up to now. */
function makeRecords(n: number, end = Date.now()) {
  return Array.from({ length: n }, (_, i) => {
    const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
    return {
      type: 'response', id: uuidv7(), rev: 0, seq: i + 1, windowId: windowOf(Math.floor(i / BATCH)), staffId: null, score, scale: 5,
      reasons: score <= 2 ? ['slow'] : [], deviceTime: new Date(end - (n - i) * 1000).toISOString(), channel: 'kiosk',
    };
  });
}
const records = makeRecords(N);
const bodies: string[] = [];
for (let b = 0; b < N; b += BATCH) bodies.push(JSON.stringify({ records: records.slice(b, b + BATCH) }));

const json = { 'content-type': 'application/json' };

/** An app on `store`, in process or over HTTP, with an enrolled kiosk's sync; `close` stops its server. */
async function endpoint(store: Store, overHttp: boolean, ingestHooks: readonly IngestHook[] = []) {
  const app = createApp({ store, config, now: Date.now, version: 'bench', production: false, ingestHooks });
  let post: (path: string, init: RequestInit) => Promise<Response> = async (path, init) => app.request(path, init);
  const server = overHttp ? serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) : null;
  if (server) {
    await new Promise((ok) => server.once('listening', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    post = (path, init) => fetch(`${url}${path}`, init);
  }
  const tokens: string[] = [];
  for (let w = 0; w < 5; w++) {
    tokens.push(((await (await post('/api/v1/enrol', { method: 'POST', headers: json, body: JSON.stringify({ windowId: windowOf(w) }) })).json()) as { token: string }).token);
  }
  /** Sends the `b`-th batch from its window's kiosk. */
  const sync = async (body: string, b: number) => {
    const res = await post('/api/v1/sync', { method: 'POST', headers: { ...json, authorization: `Bearer ${tokens[b % 5]}` }, body });
    return ((await res.json()) as { results: { status: string }[] }).results.filter((r) => r.status === 'stored').length;
  };
  return { sync, close: () => server?.close() };
}

/** Posts every batch to an app, in process or over HTTP; returns records/s. */
async function ingest(open: () => Promise<Store>, overHttp: boolean): Promise<number> {
  const store = await open();
  const ep = await endpoint(store, overHttp);
  const t0 = performance.now();
  let stored = 0;
  for (let b = 0; b < bodies.length; b++) stored += await ep.sync(bodies[b]!, b);
  const ms = performance.now() - t0;
  ep.close();
  await store.close();
  if (stored !== N) throw new Error(`stored ${stored} of ${N}`);
  return (N / ms) * 1000;
}

interface Derived { responses: ResponseRow[]; cases: Record<string, unknown>[]; events: Record<string, unknown>[]; audit: Record<string, unknown>[]; serials: Map<string, number> }

/** What ingest stored for the records, batch by batch, read back from its database file. */
function derivedOf(file: string): Derived[] {
  const batchOf = new Map(records.map((r, i) => [r.id, Math.floor(i / BATCH)]));
  const out: Derived[] = bodies.map(() => ({ responses: [], cases: [], events: [], audit: [], serials: new Map() }));
  const ingested = sqliteIngested(file);
  for (const r of ingested.responses) out[batchOf.get(r.id)!]!.responses.push(r);
  const caseBatch = new Map<string, number>();
  for (const c of ingested.cases) {
    const b = batchOf.get(c.source_id)!;
    caseBatch.set(c.number, b);
    out[b]!.cases.push(c);
    const serial = `${c.site_id}/${c.number.split('-').slice(1, 3).join('-')}`; // DEMO-2026-11-0042 → demo/2026-11
    out[b]!.serials.set(serial, (out[b]!.serials.get(serial) ?? 0) + 1);
  }
  for (const e of ingested.events) {
    out[caseBatch.get(e.case_number)!]!.events.push(e);
  }
  for (const a of ingested.audit) {
    out[caseBatch.get((JSON.parse(a.detail) as { case: string }).case)!]!.audit.push(a);
  }
  return out;
}

/** One batch's writes for the SQLite baseline: rows, the batch's roll-up sums as upserts per key, the serial reservation. */
function rawBatch(d: Derived): RawRows[] {
  const r = rollupDeltas(d.responses, []);
  return [
    { table: 'responses', rows: d.responses as unknown as Record<string, unknown>[] },
    { table: 'rollup_daily', rows: r.daily as unknown as Record<string, unknown>[], add: ['n'] },
    { table: 'rollup_hourly', rows: r.hourly as unknown as Record<string, unknown>[], add: ['n', 'bad'] },
    { table: 'rollup_reasons', rows: r.reasons as unknown as Record<string, unknown>[], add: ['n'] },
    { table: 'followup_serials', rows: [...d.serials].map(([id, n]) => ({ id, n })), add: ['n'] },
    { table: 'followup_cases', rows: d.cases },
    { table: 'followup_events', rows: d.events },
    { table: 'audit', rows: d.audit },
  ];
}

/** The same rows for one COPY per table: roll-ups and serials as their final sums. */
function copyTables(all: Derived[]): CopyRows[] {
  const responses = all.flatMap((d) => d.responses);
  const r = rollupDeltas(responses, []);
  const serials = new Map<string, number>();
  for (const d of all) for (const [id, n] of d.serials) serials.set(id, (serials.get(id) ?? 0) + n);
  const rows = (x: object[]) => x as Record<string, unknown>[];
  return [
    { table: 'responses', rows: rows(responses) }, { table: 'rollup_daily', rows: rows(r.daily) }, { table: 'rollup_hourly', rows: rows(r.hourly) },
    { table: 'rollup_reasons', rows: rows(r.reasons) }, { table: 'followup_serials', rows: [...serials].map(([id, n]) => ({ id, n })) },
    { table: 'followup_cases', rows: all.flatMap((d) => d.cases) }, { table: 'followup_events', rows: all.flatMap((d) => d.events) },
    { table: 'audit', rows: all.flatMap((d) => d.audit) },
  ];
}

const ROOT = resolve(import.meta.dirname, '../..');
/** node's flags in `npm start` (package.json), so the endpoint runs as it does there. */
const START_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));

/**
 * Posts every batch to the endpoint in its own process, started as `npm start` runs it on a fresh SQLite data
 * directory, as kiosks on the hall's network post to it: `inFlight` kiosks at once, each waiting for its answer
 * before its next batch (1: one batch on the wire at a time). Returns records/s.
 */
async function ingestOwnProcess(inFlight: number): Promise<number> {
  const dataDir = join(dir, `own-${inFlight}`);
  mkdirSync(dataDir);
  const port = await freePort();
  const proc = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'build/start.mjs')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-password-1', NODE_ENV: 'bench', LOG_LEVEL: 'warn' },
  });
  process.once('exit', () => proc.kill('SIGTERM'));
  let log = '';
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => { log += d.toString(); const m = /listening on (\S+)/.exec(log); if (m) ok(m[1]!); });
    proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    proc.once('exit', (code) => fail(new Error(`endpoint exited ${code}:\n${log}`)));
  });
  try {
    const tokens: string[] = [];
    for (let w = 0; w < 5; w++) {
      const res = await fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: json, body: JSON.stringify({ windowId: windowOf(w) }) });
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const sync = async (b: number) => {
      const res = await fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { ...json, authorization: `Bearer ${tokens[b % 5]}` }, body: bodies[b]! });
      if (!res.ok) throw new Error(`sync answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { results: { status: string }[] }).results.filter((r) => r.status === 'stored').length;
    };
    let next = 0;
    let stored = 0;
    const t0 = performance.now();
    // Batch b is window b % 5's: with five in flight each kiosk has one batch on the wire, in its own order.
    await Promise.all(Array.from({ length: inFlight }, async () => {
      for (let b = next++; b < bodies.length; b = next++) {
        const n = await sync(b); // not `stored += await …`: that reads `stored` before the wait
        stored += n;
      }
    }));
    const ms = performance.now() - t0;
    if (stored !== N) throw new Error(`stored ${stored} of ${N}`);
    return (N / ms) * 1000;
  } finally {
    await new Promise<void>((ok) => { proc.once('exit', () => ok()); proc.kill('SIGTERM'); });
  }
}

// In process twice, each into a fresh file, the faster counting: the same treatment as the baselines below, so the
// first run's cold start (JIT, first statements prepared) weighs on neither side alone.
const appFile = join(dir, 'app.sqlite');
const inProcessRuns = [await ingest(() => openStore({ file: appFile }), false), await ingest(() => openStore({ file: join(dir, 'app-2.sqlite') }), false)];
const inProcess = Math.max(...inProcessRuns);
const derived = derivedOf(appFile);
const cases = derived.reduce((n, d) => n + d.cases.length, 0);
/** The baselines' rates; run before and after the HTTP run, the faster of the two counts (a baseline slowed by a
 * neighbour's burst would flatter the ratio). */
let run = 0;
const baselines = () => {
  run++;
  return {
    raw: (N / sqliteRawBatches(join(dir, `raw-${run}.sqlite`), derived.map(rawBatch))) * 1000,
    responses: (N / sqliteRawInsert(join(dir, `raw-responses-${run}.sqlite`), derived.flatMap((d) => d.responses), BATCH)) * 1000,
  };
};
const first = baselines();
const http = await ingest(() => openStore({ file: join(dir, 'http.sqlite') }), true);
const ownOne = await ingestOwnProcess(1);
const ownFive = await ingestOwnProcess(5);
const second = baselines();
const raw = Math.max(first.raw, second.raw);
const rawResponses = Math.max(first.responses, second.responses);
console.log(`ingest (SQLite): ${N} responses in batches of ${BATCH} (${cases} bad ratings, each opening a follow-up case)`);
console.log(`  raw writes of the same rows: responses, roll-ups, cases, timeline, audit (baseline): ${raw.toFixed(0)} records/s (runs: ${first.raw.toFixed(0)}, ${second.raw.toFixed(0)})`);
console.log(`  raw insert of the responses alone (former baseline): ${rawResponses.toFixed(0)} records/s`);
console.log(`  POST /api/v1/sync in process: ${inProcess.toFixed(0)} records/s (runs: ${inProcessRuns.map((r) => r.toFixed(0)).join(', ')})   ratio ${(inProcess / raw).toFixed(3)} (${(inProcess / rawResponses).toFixed(3)} of responses alone)`);
console.log(`  POST /api/v1/sync over loopback HTTP: ${http.toFixed(0)} records/s   ratio ${(http / raw).toFixed(3)} (${(http / rawResponses).toFixed(3)} of responses alone)`);
console.log(`  POST /api/v1/sync to the endpoint in its own process (npm start), one batch on the wire at a time: ${ownOne.toFixed(0)} records/s   ratio ${(ownOne / raw).toFixed(3)}`);
console.log(`  the same, five kiosks posting at once (one batch each on the wire): ${ownFive.toFixed(0)} records/s   ratio ${(ownFive / raw).toFixed(3)}`);
reportGoal({
  goal: 'SQLite ingest, POST /api/v1/sync in process, batches of 200', figure: `${inProcess.toFixed(0)} records/s`,
  baseline: `${raw.toFixed(0)} records/s (raw writes of the same responses, roll-ups and cases)`, ratio: inProcess / raw, target: '≥ 0.5', met: inProcess / raw >= 0.5,
});
// The same bar over the wire, beside the goal: the first figure was over loopback.
for (const [path, rate] of [['over loopback HTTP (client in this process)', http], ['to the endpoint in its own process, one kiosk at a time', ownOne], ['to the endpoint in its own process, five kiosks at once', ownFive]] as const) {
  reportGoal({
    goal: `SQLite ingest, POST /api/v1/sync ${path}`, figure: `${rate.toFixed(0)} records/s`, baseline: `${raw.toFixed(0)} records/s (the same raw writes)`,
    ratio: rate / raw, target: '≥ 0.5', met: rate / raw >= 0.5, floor: true,
  });
}

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgStore = () => openStore({ url: PG, schema: scratchSchema('bench'), dropSchemaOnClose: true });
let copyMs: number | null = null;
try {
  copyMs = await pgCopyTables(PG, copyTables(derived));
} catch (e) {
  console.log(`ingest (PostgreSQL): skipped, the COPY baseline failed on ${PG} (${(e as Error).message})`);
}
if (copyMs !== null) {
  const copy = (N / copyMs) * 1000;
  const pgIn = await ingest(pgStore, false);
  const pgHttp = await ingest(pgStore, true);
  console.log(`ingest (PostgreSQL): ${N} responses in batches of ${BATCH}`);
  console.log(`  COPY of the same rows: responses, roll-ups, cases, timeline, audit (baseline): ${copy.toFixed(0)} records/s`);
  console.log(`  POST /api/v1/sync in process: ${pgIn.toFixed(0)} records/s   ratio ${(pgIn / copy).toFixed(3)}`);
  console.log(`  POST /api/v1/sync over loopback HTTP: ${pgHttp.toFixed(0)} records/s   ratio ${(pgHttp / copy).toFixed(3)}`);
}

/** The q-quantile of some durations. */
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

if (SYNC_BASE > 0) {
  const ROUNDS = 40;
  const store = await openStore({ file: join(dir, 'latency.sqlite') });
  const t0 = performance.now();
  await seedResponses(store, kioskConfig, { responses: SYNC_BASE, days: 120 });
  const seedS = (performance.now() - t0) / 1000;
  onCaseEvent(alertCaseHook(config, 'http://bench.invalid'));
  const hooked = await endpoint(store, true, [alertIngestHook(config, 'http://bench.invalid')]);
  const plain = await endpoint(store, true);
  const times = { hooked: [] as number[], plain: [] as number[] };
  // Alternating, so both see the same table and the same load.
  for (let i = 0; i < ROUNDS * 2; i++) {
    const which = i % 2 === 0 ? 'hooked' : 'plain';
    const body = JSON.stringify({ records: makeRecords(BATCH) });
    const s = performance.now();
    const stored = await (which === 'hooked' ? hooked : plain).sync(body, 0);
    times[which].push(performance.now() - s);
    if (stored !== BATCH) throw new Error(`stored ${stored} of ${BATCH}`);
  }
  hooked.close();
  plain.close();
  await store.close();
  const p95 = quantile(times.hooked, 0.95);
  const base95 = quantile(times.plain, 0.95);
  const f = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(`sync latency (SQLite, over loopback HTTP): ${ROUNDS} syncs of ${BATCH} records each way on ${SYNC_BASE} seeded responses (seeded in ${seedS.toFixed(0)} s)`);
  console.log(`  without the alert hooks (baseline): ${f(times.plain)}`);
  console.log(`  with the alert hooks as the endpoint runs them: ${f(times.hooked)}   p95 ratio ${(p95 / base95).toFixed(2)}`);
  reportGoal({
    goal: `200-record sync with the alert hooks, ${SYNC_BASE} responses stored (SQLite)`, figure: `p95 ${p95.toFixed(1)} ms`,
    baseline: `p95 ${base95.toFixed(1)} ms without the alert hooks`, ratio: p95 / base95, target: 'p95 < 100 ms', met: p95 < 100,
  });
}
rmSync(dir, { recursive: true, force: true });
