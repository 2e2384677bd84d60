/**
 * Exports at the limit (the export goal): N responses (default 1,000,000) downloaded by a fast reader from
 * the endpoint in its own process, started as `npm start` runs it (compiled JavaScript), as CSV, JSON Lines
 * and xlsx. For each: rows/s against SQLite's own iteration of the same rows in this run, the endpoint's
 * peak RSS, and the p95 and max of a health probe and a 200-record sync sent while it streams, against the
 * same requests with no export running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { sqliteCheckpoint, sqliteIterate } from '../../src/server/store/sqlite/baseline';
import { uuidv7 } from '../../src/shared/ids';
import { addDays } from '../../src/shared/time';
import { freePort } from '../browser/harness';

const N = Number(process.env.BENCH_EXPORT_N ?? 1_000_000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,jsonl,xlsx').split(',');
/** BENCH_EXPORT_SYNC=0 probes with health only: lets the export be measured while syncs are slow for another reason. */
const SYNC = process.env.BENCH_EXPORT_SYNC !== '0';
const FROM = '2026-01-01';
const TO = '2026-10-31'; // syncs during the bench land on today, outside the exported range
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-export-'));
const file = join(dir, 'kiosk.sqlite');

async function fill(): Promise<void> {
  const store = await openStore({ file });
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
  sqliteCheckpoint(file);
}

/** Baselines: SQLite stepping through the same rows in the same order (SELECT * as objects), and the store's raw pages of the exported columns. */
async function baselines(): Promise<{ objects: number; raw: number }> {
  const it = () => {
    const r = sqliteIterate(file, 'demo', FROM, TO);
    if (r.rows !== N) throw new Error(`iterated ${r.rows} of ${N}`);
    return (r.rows / r.ms) * 1000;
  };
  const objects = Math.max(it(), it()); // the better of two passes: a warm page cache
  const store = await openStore({ file });
  const t0 = performance.now();
  let n = 0;
  for await (const page of store.exportRows.responses({ siteId: 'demo', from: FROM, to: TO, windowId: null, staffId: null, includeSuspect: false }, 500)) n += page.length;
  const raw = (n / (performance.now() - t0)) * 1000;
  await store.close();
  return { objects, raw };
}

interface Endpoint { url: string; pid: number; stop(): Promise<void> }

async function startEndpoint(): Promise<Endpoint> {
  const port = await freePort();
  const proc = spawn(process.execPath, [join(ROOT, 'build/start.mjs')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_PASSWORD: 'bench-password-1', NODE_ENV: 'bench', LOG_LEVEL: 'warn' },
  });
  let log = '';
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => { log += d.toString(); const m = /listening on (\S+)/.exec(log); if (m) ok(m[1]!); });
    proc.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    proc.once('exit', (code) => fail(new Error(`endpoint exited ${code}:\n${log}`)));
  });
  return { url, pid: proc.pid!, stop: () => new Promise((ok) => { proc.once('exit', () => ok()); proc.kill('SIGTERM'); }) };
}

/** Peak resident set of a process since the last reset (VmHWM), in bytes; resetting needs Linux clear_refs. */
function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}
function resetPeak(pid: number): boolean {
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); return true; } catch { return false; }
}

const p = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };

/** Sends a health probe and a 200-record sync, one after the other, until `until` resolves; returns their latencies. */
async function probe(url: string, token: string, until: Promise<unknown> | null, count = 40) {
  const health: number[] = [];
  const sync: number[] = [];
  let done = false;
  void until?.then(() => { done = true; });
  let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
  for (let i = 0; until ? !done : i < count; i++) {
    let t0 = performance.now();
    const h = await fetch(`${url}/api/v1/health`);
    await h.arrayBuffer();
    health.push(performance.now() - t0);
    if (!SYNC) continue;
    const records = Array.from({ length: 200 }, () => ({ type: 'response', id: uuidv7(), rev: 0, seq: seq++, windowId: 'w01', staffId: 's1001', score: 5, scale: 5, reasons: [], deviceTime: new Date().toISOString(), channel: 'kiosk' }));
    t0 = performance.now();
    const s = await fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ records }) });
    if (s.status !== 200) throw new Error(`sync ${s.status}`);
    await s.arrayBuffer();
    sync.push(performance.now() - t0);
  }
  return { health, sync };
}

/** A fast reader in its own process (curl), so the probes below measure the endpoint, not this process. */
function download(url: string, cookie: string, format: string): Promise<{ ms: number; bytes: number; lines: number }> {
  const t0 = performance.now();
  const target = `${url}/api/v1/export/responses.${format}?site=demo&from=${FROM}&to=${TO}`;
  const proc = spawn('bash', ['-c', `curl -sS --fail -H "cookie: $COOKIE" "$TARGET" | tee >(wc -l >&2) | wc -c`], { env: { ...process.env, COOKIE: cookie, TARGET: target }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((ok, fail) => proc.once('exit', (code) => {
    if (code !== 0) return fail(new Error(`export ${format}: curl exited ${code}: ${err}`));
    ok({ ms: performance.now() - t0, bytes: Number(out.trim()), lines: Number(err.trim()) });
  }));
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

await fill();
const base = await baselines();
const ep = await startEndpoint();
const login = await fetch(`${ep.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-1' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const enrol = await fetch(`${ep.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
const { token } = (await enrol.json()) as { token: string };
const idleRss = peakRss(ep.pid);
const idle = await probe(ep.url, token, null);

console.log(`export: ${N} responses, endpoint in its own process (build/start.mjs → dist/server/main.js)${SYNC ? '' : '; probing with health only (BENCH_EXPORT_SYNC=0)'}`);
console.log(`  baseline SQLite iteration, SELECT * as objects: ${base.objects.toFixed(0)} rows/s; the store's raw pages of the exported columns: ${base.raw.toFixed(0)} rows/s`);
console.log(`  no export running: health p95 ${ms(p(idle.health, 0.95))}, 200-record sync p95 ${ms(p(idle.sync, 0.95))}; endpoint RSS ${mb(idleRss)}`);
for (const format of FORMATS) {
  const resettable = resetPeak(ep.pid);
  const exp = download(ep.url, cookie, format);
  const during = await probe(ep.url, token, exp);
  const r = await exp;
  if (format !== 'xlsx' && r.lines - (format === 'csv' ? 1 : 0) !== N) throw new Error(`${format}: ${r.lines} lines for ${N} rows`);
  const rate = (N / r.ms) * 1000;
  console.log(`  ${format.padEnd(5)}: ${rate.toFixed(0)} rows/s (${mb(r.bytes)} in ${(r.ms / 1000).toFixed(1)} s) = ${(rate / base.objects).toFixed(2)} of SELECT * iteration, ${(rate / base.raw).toFixed(2)} of raw iteration;`
    + ` peak RSS ${mb(peakRss(ep.pid))}${resettable ? '' : ' (process lifetime)'};`
    + ` while streaming: health p95 ${ms(p(during.health, 0.95))} max ${ms(Math.max(...during.health))}, sync p95 ${ms(p(during.sync, 0.95))} max ${ms(Math.max(...during.sync))} (${during.sync.length} syncs)`);
}
await ep.stop();
rmSync(dir, { recursive: true, force: true });
