/**
 * Ingest over loopback HTTP: N responses POSTed to /api/v1/sync in batches of 200,
 * against the raw SQLite insert rate of the same rows measured in the same run.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDb } from '../../src/server/db/sqlite';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';

const N = Number(process.env.BENCH_INGEST_N ?? 50_000);
const BATCH = 200;
const config = new ConfigIndex(loadConfig(resolve(import.meta.dirname, '../../kiosk-config')));
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-ingest-'));

function record(i: number) {
  const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
  return {
    type: 'response', id: uuidv7(), rev: 0, seq: i + 1, windowId: `w0${(i % 5) + 1}`, staffId: null, score, scale: 5,
    reasons: score <= 2 ? ['slow'] : [], deviceTime: new Date(Date.now() - (N - i) * 1000).toISOString(), channel: 'kiosk',
  };
}

// Baseline: the same rows straight into SQLite with one prepared statement, 200 per transaction.
function rawSqlite(): number {
  const db = openDb(join(dir, 'raw.sqlite'));
  const ins = db.prepare(`INSERT INTO responses (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, channel, score, scale, reasons,
    device_time, received_at, counted_at, day, hour, weekday, seq) VALUES (?, 0, 'x', 'demo', ?, NULL, 'k', 'kiosk', ?, 5, ?, ?, ?, ?, '2026-11-23', 9, 0, ?)`);
  const rows = Array.from({ length: N }, (_, i) => record(i));
  const t0 = performance.now();
  for (let b = 0; b < N; b += BATCH) {
    db.transaction(() => {
      for (const r of rows.slice(b, b + BATCH)) ins.run(r.id, r.windowId, r.score, JSON.stringify(r.reasons), r.deviceTime, Date.now(), Date.now(), r.seq);
    })();
  }
  const ms = performance.now() - t0;
  db.close();
  return (N / ms) * 1000;
}

async function overHttp(): Promise<number> {
  const db = openDb(join(dir, 'http.sqlite'));
  const app = createApp({ db, config, now: Date.now, version: 'bench', production: false });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => server.once('listening', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = (await (await fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) })).json()) as { token: string };
  const bodies: string[] = [];
  for (let b = 0; b < N; b += BATCH) bodies.push(JSON.stringify({ records: Array.from({ length: Math.min(BATCH, N - b) }, (_, k) => record(b + k)) }));
  const t0 = performance.now();
  let stored = 0;
  for (const body of bodies) {
    const res = await fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const out = (await res.json()) as { results: { status: string }[] };
    stored += out.results.filter((r) => r.status === 'stored').length;
  }
  const ms = performance.now() - t0;
  server.close();
  db.close();
  if (stored !== N) throw new Error(`stored ${stored} of ${N}`);
  return (N / ms) * 1000;
}

const raw = rawSqlite();
const http = await overHttp();
console.log(`ingest: ${N} responses in batches of ${BATCH}`);
console.log(`  raw SQLite insert (baseline): ${raw.toFixed(0)} records/s`);
console.log(`  POST /api/v1/sync over loopback HTTP: ${http.toFixed(0)} records/s`);
console.log(`  ratio HTTP / raw: ${(http / raw).toFixed(3)}`);
rmSync(dir, { recursive: true, force: true });
