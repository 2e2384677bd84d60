/**
 * Exports at the limit (the export goal): N responses (default 1,000,000) downloaded by a fast reader from
 * the endpoint in its own process, started as `npm start` runs it (compiled JavaScript), as CSV, JSON Lines
 * and xlsx. For each: rows/s against SQLite's own iteration of the same rows, the endpoint's peak RSS, and the
 * p95 and max of a health probe and a 200-record sync sent while it streams, against the same requests with no
 * export running.
 *
 * Two baselines, each one statement stepping through the same rows in the export's order: the goal's, SQLite's own
 * iteration of the rows as the issue measured it (`SELECT *`, each row an object, as exports read them then), and a
 * stricter floor, the columns the export reads as arrays (the cheapest read any export could make), reported beside
 * the goal. The machine is shared, so each export run is paired with a pass of each baseline just before it, the
 * pairs are repeated (BENCH_EXPORT_REPEAT, default 3) and the median ratio is reported; rows per CPU-second of the
 * endpoint against rows per CPU-second of the floor's pass is printed too, as it moves little with other jobs' load.
 *
 * BENCH_EXPORT_ENGINE=postgres runs the same on PostgreSQL (BENCH_DATABASE_URL, default the test database; a scratch
 * schema, dropped at the end): the endpoint started with DATABASE_URL, the baselines one SELECT of the same rows (all
 * columns as objects; the exported columns as arrays, as exports read them) by pg, each pass in a process of its own;
 * PostgreSQL's own CPU is in another process, so no per-CPU-second figure.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { sqliteCheckpoint, sqliteIterate } from '../../src/server/store/sqlite/baseline';
import { dropSchema, dropStaleScratch, scratchSchema } from '../../src/server/store/postgres/scratch';
import { RESPONSE_ROW_COLUMNS } from '../../src/server/store/export-rows';
import { reportGoal } from './goal';
import { uuidv7 } from '../../src/shared/ids';
import { addDays } from '../../src/shared/time';
import { freePort } from '../browser/harness';

const N = Number(process.env.BENCH_EXPORT_N ?? 1_000_000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,jsonl,xlsx').split(',');
/** BENCH_EXPORT_SYNC=0 probes with health only: lets the export be measured while syncs are slow for another reason. */
const SYNC = process.env.BENCH_EXPORT_SYNC !== '0';
const REPEAT = Math.max(1, Number(process.env.BENCH_EXPORT_REPEAT ?? 3));
/** A health probe and a sync start every PROBE_MS (a 200-record sync costs the endpoint tens of ms of CPU: back to back they would be the load measured). */
const PROBE_MS = Number(process.env.BENCH_EXPORT_PROBE_MS ?? 250);
const FROM = '2026-01-01';
const TO = '2026-10-31'; // syncs during the bench land on today, outside the exported range
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-export-'));
const file = join(dir, 'kiosk.sqlite');
const PG = process.env.BENCH_EXPORT_ENGINE === 'postgres' ? (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : null;
const schema = scratchSchema('bench');
const ENGINE = PG ? 'PostgreSQL' : 'SQLite';

async function fill(): Promise<void> {
  const store = await openStore(PG ? { url: PG, schema } : { file });
  const t0 = Date.parse(`${FROM}T02:00:00Z`);
  let rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < N; i++) {
    const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
    const dayN = Math.floor((i / N) * 300);
    const at = t0 + dayN * 86_400_000 + (i % 28_000) * 1000;
    rows.push({
      id: uuidv7(at), rev: 0, payload_hash: 'x', site_id: 'demo', window_id: `w0${(i % 5) + 1}`, staff_id: 's1001', kiosk_id: 'k', channel: 'kiosk',
      token_kind: null, case_no: null, follow_up: 0, score, scale: 5, reasons: score <= 2 ? '["slow"]' : '[]',
      comment: score <= 2 ? '排队时间太长，"窗口"少, 希望改进' : null, phone: score <= 2 && i % 3 === 0 ? '13812345678' : null,
      device_time: new Date(at).toISOString(), received_at: at, counted_at: at, day: addDays(FROM, dayN), hour: 10, weekday: 0, seq: i + 1, suspect: 0, flags: '',
    });
    if (rows.length === 50_000) {
      await store.tables.insert('responses', rows);
      rows = [];
    }
  }
  await store.tables.insert('responses', rows);
  await store.close();
  if (!PG) sqliteCheckpoint(file);
}

/**
 * The store's iteration of the exported rows (SQLite: `columns` as arrays, none: SELECT * as objects; PostgreSQL: one
 * SELECT, `columns` as arrays, none as objects): rows/s and rows per CPU-second (NaN on PostgreSQL).
 */
async function iterate(columns?: readonly string[]): Promise<{ rate: number; cpuRate: number }> {
  if (PG) {
    // In a process of its own (tests/bench/pg-iterate.ts): the million rows pg reads into memory are freed with it,
    // not by a collection in this process on the machine's cores while the export paired with the pass runs.
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pg-iterate.ts'), PG, schema, 'demo', FROM, TO, ...(columns ? [columns.join(',')] : [])], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { rows: number; ms: number };
    if (r.rows !== N) throw new Error(`iterated ${r.rows} of ${N}`);
    return { rate: (r.rows / r.ms) * 1000, cpuRate: NaN };
  }
  const r = sqliteIterate(file, 'demo', FROM, TO, columns);
  if (r.rows !== N) throw new Error(`iterated ${r.rows} of ${N}`);
  return { rate: (r.rows / r.ms) * 1000, cpuRate: (r.rows / r.cpuMs) * 1000 };
}

/** node's flags in `npm start` (package.json), so the endpoint runs as it does there. */
const START_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));

interface Endpoint { url: string; pid: number; stop(): Promise<void> }

async function startEndpoint(): Promise<Endpoint> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...START_FLAGS, join(ROOT, 'build/start.mjs')], { // as `npm start` runs it
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(PG ? { DATABASE_URL: PG, DATABASE_SCHEMA: schema } : {}), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_PASSWORD: 'bench-password-1', NODE_ENV: 'bench', LOG_LEVEL: 'warn' },
  });
  process.once('exit', () => proc.kill('SIGTERM')); // a bench that fails half-way leaves no endpoint behind
  let log = '';
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => { log += d.toString(); const m = /listening on (\S+)/.exec(log); if (m) ok(m[1]!); });
    proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    proc.once('exit', (code) => fail(new Error(`endpoint exited ${code}:\n${log}`)));
  });
  return { url, pid: proc.pid!, stop: () => new Promise((ok) => { proc.once('exit', () => ok()); proc.kill('SIGTERM'); }) };
}

/** Peak resident set of a process since the last reset (VmHWM), in bytes; resetting needs Linux clear_refs. */
function peakRss(pid: number, field = 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}
/** CPU time a process has used so far (user + system), in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ, 100 on Linux)
}
function resetPeak(pid: number): boolean {
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); return true; } catch { return false; }
}

const median = (xs: number[]) => p(xs, 0.5);
const p = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };

/**
 * fetch, once more when a kept-alive connection turns out closed: the endpoint closes idle connections after 5 s,
 * and this process, busy in a baseline pass, may not have seen that before it reuses one.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return await fetch(url, init);
  }
}

/** Sends a health probe and a 200-record sync every PROBE_MS until `until` resolves (or `count` times); returns their latencies. */
async function probe(url: string, token: string, until: Promise<unknown> | null, count = 40) {
  const health: number[] = [];
  const sync: number[] = [];
  let done = false;
  void until?.then(() => { done = true; });
  let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
  for (let i = 0; until ? !done : i < count; i++) {
    const start = performance.now();
    let t0 = start;
    const h = await request(`${url}/api/v1/health`);
    await h.arrayBuffer();
    health.push(performance.now() - t0);
    if (SYNC) {
      const records = Array.from({ length: 200 }, () => ({ type: 'response', id: uuidv7(), rev: 0, seq: seq++, windowId: 'w01', staffId: 's1001', score: 5, scale: 5, reasons: [], deviceTime: new Date().toISOString(), channel: 'kiosk' }));
      t0 = performance.now();
      const s = await request(`${url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ records }) });
      if (s.status !== 200) throw new Error(`sync ${s.status}`);
      await s.arrayBuffer();
      sync.push(performance.now() - t0);
    }
    const wait = PROBE_MS - (performance.now() - start);
    if (wait > 0) await Promise.race([new Promise((ok) => setTimeout(ok, wait)), until ?? new Promise(() => {})]);
  }
  return { health, sync };
}

/** A fast reader in its own process (curl), so the probes below measure the endpoint, not this process. */
function download(url: string, cookie: string, format: string): Promise<{ ms: number; bytes: number; lines: number }> {
  const t0 = performance.now();
  const target = `${url}/api/v1/export/responses.${format}?site=demo&from=${FROM}&to=${TO}`;
  // wc counts lines and bytes in one pass (a `tee` into a second wc copied every byte once more and could exit before it printed)
  const proc = spawn('bash', ['-c', `set -o pipefail; curl -sS --fail -H "cookie: $COOKIE" "$TARGET" | wc -lc`], { env: { ...process.env, COOKIE: cookie, TARGET: target }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((ok, fail) => proc.once('exit', (code) => {
    if (code !== 0) return fail(new Error(`export ${format}: curl exited ${code}: ${err}`));
    const [lines, bytes] = out.trim().split(/\s+/).map(Number) as [number, number];
    ok({ ms: performance.now() - t0, bytes, lines });
  }));
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (PG) await dropStaleScratch(PG, 'bench', Date.now() - 60 * 60_000); // schemas of a bench that died half-way
await fill();
await iterate(RESPONSE_ROW_COLUMNS); // warms the page cache for every pass below
const ep = await startEndpoint();
const login = await fetch(`${ep.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-1' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const enrol = await fetch(`${ep.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
const { token } = (await enrol.json()) as { token: string };
const idleCpu0 = cpuMs(ep.pid);
const idle = await probe(ep.url, token, null);
/** The endpoint's CPU for one probe pair with no export running: taken off its CPU during an export to give the export's own. */
const probeCpu = (cpuMs(ep.pid) - idleCpu0) / idle.health.length;
const idleRss = peakRss(ep.pid, 'VmRSS');

console.log(`export (${ENGINE}): ${N} responses, endpoint in its own process (build/start.mjs → dist/server/main.js), ${REPEAT} paired runs, load ${load()}${SYNC ? '' : '; probing with health only (BENCH_EXPORT_SYNC=0)'}`);
console.log(`  endpoint RSS idle ${mb(idleRss)}; a probe pair every ${PROBE_MS} ms costs the endpoint ${probeCpu.toFixed(1)} ms CPU`);

interface Run { rate: number; base: number; ratio: number; objectsRatio: number; cpuRatio: number; rss: number; health: number[]; sync: number[] }
const runs = new Map<string, Run[]>(FORMATS.map((f) => [f, []]));
for (let rep = 0; rep < REPEAT; rep++) {
  if (rep > 0) { const more = await probe(ep.url, token, null, 20); idle.health.push(...more.health); idle.sync.push(...more.sync); }
  for (const format of FORMATS) {
    const whole = await iterate();
    const base = await iterate(RESPONSE_ROW_COLUMNS);
    const resettable = resetPeak(ep.pid);
    const cpu0 = cpuMs(ep.pid);
    const exp = download(ep.url, cookie, format);
    const during = await probe(ep.url, token, exp);
    const r = await exp;
    const cpu = Math.max(1, cpuMs(ep.pid) - cpu0 - during.health.length * probeCpu); // the probes' share taken off
    if (format !== 'xlsx' && r.lines - (format === 'csv' ? 1 : 0) !== N) throw new Error(`${format}: ${r.lines} lines for ${N} rows`);
    const rate = (N / r.ms) * 1000;
    const run: Run = { rate, base: base.rate, ratio: rate / base.rate, objectsRatio: rate / whole.rate, cpuRatio: ((N / cpu) * 1000) / base.cpuRate, rss: peakRss(ep.pid), health: during.health, sync: during.sync };
    runs.get(format)!.push(run);
    console.log(`  run ${rep + 1} ${format.padEnd(5)}: ${rate.toFixed(0)} rows/s (${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s) ÷ ${base.rate.toFixed(0)} = ${run.ratio.toFixed(2)} (÷ ${whole.rate.toFixed(0)} as objects = ${run.objectsRatio.toFixed(2)}); per CPU-s ${run.cpuRatio.toFixed(2)};`
      + ` peak RSS ${mb(run.rss)}${resettable ? '' : ' (process lifetime)'}; health p95 ${ms(p(during.health, 0.95))}, sync p95 ${ms(p(during.sync, 0.95))} (${during.sync.length} syncs); load ${load()}`);
  }
}
await ep.stop();
rmSync(dir, { recursive: true, force: true });
if (PG) await dropSchema(PG, schema);

const idleHealth = p(idle.health, 0.95);
const idleSync = p(idle.sync, 0.95);
console.log(`  no export running (${idle.health.length} probes, interleaved): health p95 ${ms(idleHealth)}, 200-record sync p95 ${ms(idleSync)}`);
for (const [format, rs] of runs) {
  if (rs.length === 0) continue;
  const health = rs.flatMap((r) => r.health);
  const sync = rs.flatMap((r) => r.sync);
  const ratio = median(rs.map((r) => r.ratio));
  const objectsRatio = median(rs.map((r) => r.objectsRatio));
  const rate = median(rs.map((r) => r.rate));
  const rss = Math.max(...rs.map((r) => r.rss));
  const hp = p(health, 0.95);
  const sp = p(sync, 0.95);
  console.log(`  ${format.padEnd(5)} median of ${rs.length}: ${rate.toFixed(0)} rows/s, ${ratio.toFixed(2)} of the exported columns' iteration (runs ${rs.map((r) => r.ratio.toFixed(2)).join(', ')}),`
    + ` ${objectsRatio.toFixed(2)} of SELECT * as objects (runs ${rs.map((r) => r.objectsRatio.toFixed(2)).join(', ')}); per CPU-s ${median(rs.map((r) => r.cpuRatio)).toFixed(2)}; peak RSS ${mb(rss)};`
    + ` while streaming health p95 ${ms(hp)} (+${ms(hp - idleHealth)}) max ${ms(Math.max(...health))}`
    + (SYNC ? `, sync p95 ${ms(sp)} (+${ms(sp - idleSync)}) max ${ms(Math.max(...sync))}` : ''));
  reportGoal({ goal: `${format} export of ${N} rows (${ENGINE}), rate`, figure: `${rate.toFixed(0)} rows/s (median)`, baseline: `${ENGINE} ${PG ? 'selecting' : 'iterating'} the same rows, SELECT * as objects, paired runs`, ratio: objectsRatio, target: '≥ 0.6', met: objectsRatio >= 0.6 });
  reportGoal({ goal: `${format} export of ${N} rows (${ENGINE}), rate`, figure: `${rate.toFixed(0)} rows/s (median)`, baseline: `${ENGINE} ${PG ? 'selecting' : 'iterating'} only the exported columns as arrays, paired runs`, ratio, target: '≥ 0.6', met: ratio >= 0.6, floor: true });
  reportGoal({ goal: `${format} export of ${N} rows (${ENGINE}), endpoint peak RSS`, figure: mb(rss), baseline: `idle ${mb(idleRss)}`, ratio: rss / idleRss, target: '< 150 MB', met: rss < 150 * 1024 * 1024 });
  const worst = Math.max(hp, SYNC ? sp : 0);
  reportGoal({ goal: `${format} export of ${N} rows (${ENGINE}), other requests`, figure: `health p95 ${ms(hp)}${SYNC ? `, sync p95 ${ms(sp)}` : ''}`, baseline: `idle ${ms(idleHealth)}${SYNC ? `, ${ms(idleSync)}` : ''}`,
    ratio: worst / Math.max(idleHealth, SYNC ? idleSync : 0), target: 'p95 < 100 ms', met: worst < 100 });
}
