import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { drainOutbox, DEFAULT_SYNC, type SyncDeps } from '../../src/device/sync/engine';
import type { StoredRecord } from '../../src/device/store/db';
import { uuidv7 } from '../../src/shared/ids';
import { makeEndpoint, enrol, rows } from '../server/testkit';

let n = 0;
const freshDb = () => openKioskDb(`sync-pipeline-${++n}`);

const rating = (score: 1 | 2 | 3 | 4 | 5) => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w01', staffId: 's1001', score, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

/** The real endpoint in process; `wrap` sees each request and may answer in its place or change the answer. */
async function endpointDeps(db: KioskDatabase, batchSize: number, wrap: (body: { records: StoredRecord[] }, answer: () => Promise<Response>) => Promise<Response>) {
  const ep = await makeEndpoint();
  const token = await enrol(ep.app);
  const fetchFn = ((url: string, init?: RequestInit) => wrap(JSON.parse(String(init?.body)) as { records: StoredRecord[] }, async () => ep.app.request(url, init))) as unknown as typeof fetch;
  const deps: SyncDeps = {
    db, baseUrl: '', fetch: fetchFn, now: Date.now, random: () => 0.5, ...DEFAULT_SYNC, batchSize,
    deviceId: null, getToken: async () => token, locks: null, estimate: null,
  };
  return { ep, deps };
}

type StoredResponse = Extract<StoredRecord, { type: 'response' }>;

async function fill(db: KioskDatabase, count: number): Promise<StoredResponse[]> {
  const saved: StoredResponse[] = [];
  for (let i = 0; i < count; i++) {
    const r = await saveRecord(db, rating(((i % 5) + 1) as 1 | 2 | 3 | 4 | 5));
    if (r.kind !== 'saved' || r.record.type !== 'response') throw new Error('the rating was not saved');
    saved.push(r.record);
  }
  return saved;
}

describe('a drain of many batches, the next read while one is on the wire', () => {
  it('a later survey step saved while its batch is on the wire is sent again, and the endpoint keeps the later one', async () => {
    const db = await freshDb();
    const [first, ...others] = await fill(db, 7);
    let revised = false;
    const { ep, deps } = await endpointDeps(db, 2, async (body, answer) => {
      // The citizen adds reasons to the first rating while the batch holding it waits for its answer.
      if (!revised && body.records.some((r) => r.id === first!.id)) {
        revised = true;
        await saveRecord(db, { ...first!, rev: 1, score: 1, reasons: ['slow'] }, Date.now(), { seq: first!.seq });
      }
      return answer();
    });
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ kind: 'done', sent: 8 }); // seven records, the revised one twice
    expect(await db.count('outbox')).toBe(0);
    const kept = await rows(ep.store, 'responses');
    expect(kept.map((row) => row.id).sort()).toEqual([first!, ...others].map((x) => x.id).sort());
    expect(kept.find((row) => row.id === first!.id)).toMatchObject({ rev: 1, score: 1 });
  });

  it('a later survey step saved while the last batch is on the wire is sent in the same drain', async () => {
    const db = await freshDb();
    const saved = await fill(db, 3);
    const last = saved[saved.length - 1]!;
    let revised = false;
    const { ep, deps } = await endpointDeps(db, 2, async (body, answer) => {
      if (!revised && body.records.some((r) => r.id === last.id)) {
        revised = true;
        await saveRecord(db, { ...last, rev: 1, score: 1, reasons: ['slow'] }, Date.now(), { seq: last.seq });
      }
      return answer();
    });
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', sent: 4 });
    expect(await db.count('outbox')).toBe(0);
    expect((await rows(ep.store, 'responses')).find((row) => row.id === last.id)).toMatchObject({ rev: 1, score: 1 });
  });

  it('a batch too large for the endpoint is sent in halves, and every record arrives once', async () => {
    const db = await freshDb();
    await fill(db, 9);
    const sizes: number[] = [];
    const { ep, deps } = await endpointDeps(db, 4, async (body, answer) => {
      sizes.push(body.records.length);
      return body.records.length > 2 ? new Response('{"error":"body_too_large"}', { status: 413 }) : answer();
    });
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', stored: 9, duplicate: 0 });
    expect(sizes[0]).toBe(4);
    expect(sizes.slice(1).every((s) => s <= 2)).toBe(true);
    expect(await db.count('outbox')).toBe(0);
    expect(await ep.store.tables.count('responses')).toBe(9);
  });

  it('an endpoint that fails mid-drain keeps the unsent and failed batches queued, the answered ones settled', async () => {
    const db = await freshDb();
    await fill(db, 10);
    let calls = 0;
    const { ep, deps } = await endpointDeps(db, 3, async (_body, answer) => (++calls === 3 ? new Response('down', { status: 503 }) : answer()));
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'retry_later', reason: 'server_error', sent: 9 });
    expect(await ep.store.tables.count('responses')).toBe(6);
    expect(await db.count('outbox')).toBe(4);
    const later = () => Date.now() + 6 * 60_000; // past the longest backoff
    expect(await drainOutbox({ ...deps, now: later })).toMatchObject({ kind: 'done', stored: 4, duplicate: 0 });
    expect(await ep.store.tables.count('responses')).toBe(10);
  });
});
