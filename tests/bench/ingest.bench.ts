/**
 * Ingest: N responses POSTed to /api/v1/sync in batches of 200 (in process, and over loopback HTTP), against the
 * raw insert rate of the same rows into the same table with its indexes, measured in the same run: prepared
 * INSERTs on SQLite, COPY on PostgreSQL (BENCH_DATABASE_URL, default the test database; skipped when unreachable).
 * The product also writes the roll-ups (one upsert per key per batch) in each batch's transaction.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type ResponseRow, type Store } from '../../src/server/store';
import { pgCopyResponses } from '../../src/server/store/postgres/baseline';
import { sqliteRawInsert } from '../../src/server/store/sqlite/baseline';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';
import { localParts } from '../../src/shared/time';

const N = Number(process.env.BENCH_INGEST_N ?? 50_000);
const BATCH = 200;
const config = new ConfigIndex(loadConfig(resolve(import.meta.dirname, '../../kiosk-config')));
const dir = mkdtempSync(join(tmpdir(), 'fk-bench-ingest-'));
const records = Array.from({ length: N }, (_, i) => {
  const score = [5, 5, 5, 4, 4, 3, 2, 1][i % 8]!;
  return {
    type: 'response', id: uuidv7(), rev: 0, seq: i + 1, windowId: `w0${(i % 5) + 1}`, staffId: null, score, scale: 5,
    reasons: score <= 2 ? ['slow'] : [], deviceTime: new Date(Date.now() - (N - i) * 1000).toISOString(), channel: 'kiosk',
  };
});

/** The stored form of the same records, as ingest would write them. */
function asRows(): ResponseRow[] {
  return records.map((r) => {
    const at = Date.parse(r.deviceTime);
    const p = localParts(at, 'Asia/Shanghai');
    return {
      id: r.id, rev: 0, payload_hash: 'x', site_id: 'demo', window_id: r.windowId, staff_id: null, kiosk_id: 'k', device_id: null, channel: 'kiosk', token_kind: null,
      case_no: null, follow_up: 0, score: r.score, scale: 5, reasons: JSON.stringify(r.reasons), comment: null, phone: null, device_time: r.deviceTime,
      received_at: Date.now(), counted_at: at, day: p.day, hour: p.hour, weekday: p.weekday, seq: r.seq, suspect: 0, flags: '',
    };
  });
}

const bodies: string[] = [];
for (let b = 0; b < N; b += BATCH) bodies.push(JSON.stringify({ records: records.slice(b, b + BATCH) }));

/** Posts every batch to an app, in process or over HTTP; returns records/s. */
async function ingest(open: () => Promise<Store>, overHttp: boolean): Promise<number> {
  const store = await open();
  const app = createApp({ store, config, now: Date.now, version: 'bench', production: false });
  let url = 'http://in.process';
  let post: (path: string, init: RequestInit) => Promise<Response> = async (path, init) => app.request(path, init);
  const server = overHttp ? serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) : null;
  if (server) {
    await new Promise((ok) => server.once('listening', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    post = (path, init) => fetch(`${url}${path}`, init);
  }
  const json = { 'content-type': 'application/json' };
  const { token } = (await (await post('/api/v1/enrol', { method: 'POST', headers: json, body: JSON.stringify({ windowId: 'w01' }) })).json()) as { token: string };
  const t0 = performance.now();
  let stored = 0;
  for (const body of bodies) {
    const res = await post('/api/v1/sync', { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body });
    stored += ((await res.json()) as { results: { status: string }[] }).results.filter((r) => r.status === 'stored').length;
  }
  const ms = performance.now() - t0;
  server?.close();
  await store.close();
  if (stored !== N) throw new Error(`stored ${stored} of ${N}`);
  return (N / ms) * 1000;
}

const raw = (N / sqliteRawInsert(join(dir, 'raw.sqlite'), asRows(), BATCH)) * 1000;
const inProcess = await ingest(() => openStore({ file: join(dir, 'app.sqlite') }), false);
const http = await ingest(() => openStore({ file: join(dir, 'http.sqlite') }), true);
console.log(`ingest (SQLite): ${N} responses in batches of ${BATCH}`);
console.log(`  raw insert of the same rows, same table and indexes (baseline): ${raw.toFixed(0)} records/s`);
console.log(`  POST /api/v1/sync in process (validation, duplicate check, roll-ups): ${inProcess.toFixed(0)} records/s   ratio ${(inProcess / raw).toFixed(3)}`);
console.log(`  POST /api/v1/sync over loopback HTTP: ${http.toFixed(0)} records/s   ratio ${(http / raw).toFixed(3)}`);

const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgSchema = () => scratchSchema('bench');
const pgStore = () => openStore({ url: PG, schema: pgSchema(), dropSchemaOnClose: true });
let copyMs: number | null = null;
try {
  copyMs = await pgCopyResponses(PG, asRows());
} catch (e) {
  console.log(`ingest (PostgreSQL): skipped, the COPY baseline failed on ${PG} (${(e as Error).message})`);
}
if (copyMs !== null) {
  const copy = (N / copyMs) * 1000;
  const pgIn = await ingest(pgStore, false);
  const pgHttp = await ingest(pgStore, true);
  console.log(`ingest (PostgreSQL): ${N} responses in batches of ${BATCH}`);
  console.log(`  COPY of the same rows into the same table and indexes (baseline): ${copy.toFixed(0)} records/s`);
  console.log(`  POST /api/v1/sync in process (multi-row INSERT … ON CONFLICT, roll-ups): ${pgIn.toFixed(0)} records/s   ratio ${(pgIn / copy).toFixed(3)}`);
  console.log(`  POST /api/v1/sync over loopback HTTP: ${pgHttp.toFixed(0)} records/s   ratio ${(pgHttp / copy).toFixed(3)}`);
}
rmSync(dir, { recursive: true, force: true });
