/**
 * Phone ingest: N poster-code responses POSTed to /api/v1/q/sync (each record's token verified with
 * WebCrypto, one-per-phone rule checked) against the same records from an enrolled kiosk to /api/v1/sync,
 * both in process, measured in the same run.
 */
import { resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { ensureSiteSecrets } from '../../src/server/qr/secrets';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';
import { issuePosterToken } from '../../src/server/qr/issue';

const N = Number(process.env.BENCH_QR_N ?? 20_000);
const BATCH = 200;
const PHONES = 500;
const config = new ConfigIndex(loadConfig(resolve(import.meta.dirname, '../../kiosk-config')));

function record(i: number, extra: Record<string, unknown>) {
  return {
    type: 'response', id: uuidv7(), rev: 0, seq: i + 1, windowId: 'w01', staffId: null, score: [5, 4, 3, 2][i % 4], scale: 5,
    reasons: i % 4 === 3 ? ['slow'] : [], deviceTime: new Date(Date.now() - (N - i)).toISOString(), ...extra,
  };
}

async function run(kind: 'kiosk' | 'phone'): Promise<number> {
  const store = await openStore({ file: ':memory:' });
  const app = createApp({ store, config, now: Date.now, version: 'bench', production: false });
  await ensureSiteSecrets(store, ['demo'], Date.now());
  let auth: Record<string, string> = {};
  let token = '';
  if (kind === 'kiosk') {
    const r = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
    auth = { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
  } else {
    const issued = await issuePosterToken(store, 'demo', 'w01', Date.now());
    if (issued.kind !== 'ok') throw new Error('no secret');
    token = issued.token;
  }
  const bodies: string[] = [];
  for (let b = 0; b < N; b += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, N - b) }, (_, k) => record(b + k, kind === 'kiosk' ? { channel: 'kiosk' } : { channel: 'qr', token }));
    bodies.push(JSON.stringify(kind === 'kiosk' ? { records } : { deviceId: uuidv7(), records }));
  }
  const path = kind === 'kiosk' ? '/api/v1/sync' : '/api/v1/q/sync';
  const t0 = performance.now();
  let stored = 0;
  for (const body of bodies) {
    const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
    stored += ((await res.json()) as { results: { status: string }[] }).results.filter((r) => r.status === 'stored').length;
  }
  const ms = performance.now() - t0;
  await store.close();
  if (stored !== N) throw new Error(`${kind}: stored ${stored} of ${N}`);
  return (N / ms) * 1000;
}

// Distinct tokens per batch cost one HMAC each: measure that too, with one token per phone.
async function verifyRate(): Promise<number> {
  const { verifyToken } = await import('../../src/shared/token');
  const { keyResolver, storeKeySources } = await import('../../src/server/qr/keys');
  const store = await openStore({ file: ':memory:' });
  await ensureSiteSecrets(store, ['demo'], Date.now());
  const tokens: string[] = [];
  for (let i = 0; i < PHONES; i++) {
    const t = await issuePosterToken(store, 'demo', `w0${(i % 5) + 1}`, Date.now() - i * 1000);
    if (t.kind === 'ok') tokens.push(t.token);
  }
  const keyFor = keyResolver(storeKeySources(store));
  const t0 = performance.now();
  for (const t of tokens) if (!(await verifyToken(t, { nowMs: Date.now(), keyFor })).ok) throw new Error('verify failed');
  return (tokens.length / (performance.now() - t0)) * 1000;
}

const kiosk = await run('kiosk');
const phone = await run('phone');
const verify = await verifyRate();
console.log(`qr: ${N} responses in batches of ${BATCH}, in process`);
console.log(`  kiosk POST /api/v1/sync (baseline): ${kiosk.toFixed(0)} records/s`);
console.log(`  phone POST /api/v1/q/sync (token + one-per-phone rule): ${phone.toFixed(0)} records/s`);
console.log(`  ratio phone / kiosk: ${(phone / kiosk).toFixed(3)}`);
console.log(`  token verification alone (distinct tokens, WebCrypto HMAC-SHA-256): ${verify.toFixed(0)} tokens/s`);
