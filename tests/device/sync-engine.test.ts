import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { getSyncStatus, setSyncPolicy } from '../../src/device/store/meta';
import { drainExclusive, drainOutbox, DEFAULT_SYNC, type SyncDeps } from '../../src/device/sync/engine';
import { acquireLease, releaseLease } from '../../src/device/sync/lease';
import { buildHeartbeat, sendHeartbeat } from '../../src/device/sync/heartbeat';
import { uuidv7 } from '../../src/shared/ids';
import { makeEndpoint, enrol, rows, onlyKiosk } from '../server/testkit';

let n = 0;
const freshDb = () => openKioskDb(`sync-engine-${++n}`);

const rating = (score: 1 | 2 | 3 | 4 | 5, over: Record<string, unknown> = {}) => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w01', staffId: 's1001', score, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false, ...over,
});

/** The real endpoint in process, reached through `fetch`, so the engine meets real answers. */
async function endpointDeps(db: KioskDatabase, over: Partial<SyncDeps> = {}) {
  const ep = await makeEndpoint();
  const token = await enrol(ep.app);
  const fetchFn = ((url: string, init?: RequestInit) => ep.app.request(url, init)) as unknown as typeof fetch;
  const deps: SyncDeps = {
    db, baseUrl: '', fetch: fetchFn, now: Date.now, random: () => 0.5, ...DEFAULT_SYNC,
    deviceId: null, getToken: async () => token, locks: null, estimate: null, ...over,
  };
  return { ep, token, deps };
}

async function fill(db: KioskDatabase, count: number) {
  for (let i = 0; i < count; i++) await saveRecord(db, rating(((i % 5) + 1) as 1 | 2 | 3 | 4 | 5));
}

describe('the sync engine against the endpoint', () => {
  it('a drain delivers every queued rating once and empties the outbox', async () => {
    const db = await freshDb();
    await fill(db, 7);
    const { ep, deps } = await endpointDeps(db, { batchSize: 3 });
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ kind: 'done', stored: 7, duplicate: 0, rejected: 0 });
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('responses')).toBe(7); // the device keeps its copy for the local view
    expect(await ep.store.tables.count('responses')).toBe(7);
  });

  it('one invalid record inside a valid batch becomes exactly one dead letter and the rest are stored', async () => {
    const db = await freshDb();
    await fill(db, 4);
    await saveRecord(db, rating(2, { reasons: ['no-such-reason'] }));
    const { ep, deps } = await endpointDeps(db);
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', stored: 4, rejected: 1 });
    const dead = await db.getAll('deadLetters');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toMatch(/unknown reason/);
    expect(dead[0]).toMatchObject({ code: 'unknown_reason', field: 'reasons.0' }); // for the staff corner to say in its language
    expect(await db.count('outbox')).toBe(0);
    expect(await ep.store.tables.count('responses')).toBe(4);
  });

  it('a refused device token stops the drain, keeps every record and asks staff to enrol again', async () => {
    const db = await freshDb();
    await fill(db, 3);
    const { deps } = await endpointDeps(db, { getToken: async () => 'not-a-real-token' });
    expect((await drainOutbox(deps)).kind).toBe('unauthorized');
    expect(await db.count('outbox')).toBe(3);
    expect((await getSyncStatus(db)).unauthorized).toBe(true);
  });

  it('an endpoint that never answers is abandoned after the timeout and retried later with a backoff kept in the entry', async () => {
    const db = await freshDb();
    await fill(db, 2);
    const hang = ((_u: string, init?: RequestInit) => new Promise<Response>((_ok, fail) => {
      init?.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
    })) as unknown as typeof fetch;
    const { deps } = await endpointDeps(db, { fetch: hang, timeoutMs: 50 });
    const r = await drainOutbox(deps);
    expect(r).toMatchObject({ kind: 'retry_later', reason: 'timeout' });
    const entries = await db.getAll('outbox');
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.attempts).toBe(1);
      expect(e.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    }
  });

  it('the default timeout is 15 seconds', () => {
    expect(DEFAULT_SYNC.timeoutMs).toBe(15_000);
  });

  it('a sync policy stored on the device shortens the timeout and backoff', async () => {
    const db = await freshDb();
    await fill(db, 1);
    await setSyncPolicy(db, { timeoutMs: 30, backoffBaseMs: 10, backoffCapMs: 10 });
    const hang = ((_u: string, init?: RequestInit) => new Promise<Response>((_ok, fail) => {
      init?.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
    })) as unknown as typeof fetch;
    const { deps } = await endpointDeps(db, { fetch: hang });
    const before = Date.now();
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'retry_later', reason: 'timeout' });
    expect(Date.now() - before).toBeLessThan(5_000);
    const [entry] = await db.getAll('outbox');
    expect(entry!.nextAttemptAt - Date.now()).toBeLessThanOrEqual(10);
  });

  it('a truncated answer is retried, and the resend is recognised as a duplicate rather than stored twice', async () => {
    const db = await freshDb();
    await fill(db, 5);
    const { ep, deps } = await endpointDeps(db);
    let first = true;
    const truncating = (async (u: string, init?: RequestInit) => {
      const res = await deps.fetch(u, init);
      if (!first) return res;
      first = false;
      const text = await res.text();
      return new Response(text.slice(0, text.length / 2), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    expect(await drainOutbox({ ...deps, fetch: truncating })).toMatchObject({ kind: 'retry_later', reason: 'malformed' });
    const later = () => Date.now() + 6 * 60_000; // past the longest backoff
    expect(await drainOutbox({ ...deps, now: later })).toMatchObject({ kind: 'done', duplicate: 5, stored: 0 });
    expect(await ep.store.tables.count('responses')).toBe(5);
  });

  it('storage use is checked on each drain and staff are warned from 80 % of the quota', async () => {
    const db = await freshDb();
    await fill(db, 1);
    const { deps } = await endpointDeps(db, { estimate: async () => ({ usage: 790, quota: 1000 }) });
    await drainOutbox(deps);
    expect(await getSyncStatus(db)).toMatchObject({ storageUsage: 790, storageQuota: 1000, storageWarning: false });
    await drainOutbox({ ...deps, estimate: async () => ({ usage: 800, quota: 1000 }) });
    expect((await getSyncStatus(db)).storageWarning).toBe(true);
  });

  it('the clock offset estimated from the endpoint is kept for staff and the heartbeat', async () => {
    const db = await freshDb();
    await fill(db, 1);
    const { deps } = await endpointDeps(db, { now: () => Date.now() + 86_400_000 });
    await drainOutbox(deps);
    const offset = (await getSyncStatus(db)).clockOffsetMs!;
    expect(Math.abs(offset - 86_400_000)).toBeLessThan(5_000);
  });
});

describe('one drain at a time without Web Locks', () => {
  it('a second holder is refused the lease until the first gives it back', async () => {
    const db = await freshDb();
    expect(await acquireLease(db, 'tab-a', 1_000, 60_000)).toBe(true);
    expect(await acquireLease(db, 'tab-b', 2_000, 60_000)).toBe(false);
    expect(await acquireLease(db, 'tab-a', 3_000, 60_000)).toBe(true); // renewal by the holder
    await releaseLease(db, 'tab-a');
    expect(await acquireLease(db, 'tab-b', 4_000, 60_000)).toBe(true);
  });

  it('a holder that died loses the lease once it expires', async () => {
    const db = await freshDb();
    expect(await acquireLease(db, 'worker', 1_000, 10_000)).toBe(true);
    expect(await acquireLease(db, 'tab', 10_999, 10_000)).toBe(false);
    expect(await acquireLease(db, 'tab', 11_001, 10_000)).toBe(true);
  });

  it('two contexts draining the same outbox at once store each rating once', async () => {
    const db = await freshDb();
    await fill(db, 30);
    const { ep, deps } = await endpointDeps(db, { batchSize: 5 });
    // drainExclusive also guards within one context; `owner` stands for the other tab or the worker.
    const [a, b] = await Promise.all([drainExclusive(deps, 'tab-a'), drainOutbox(deps).then(() => drainExclusive(deps, 'tab-b'))]);
    expect([a.kind, b.kind]).toContain('done');
    expect(await db.count('outbox')).toBe(0);
    const ids = (await rows(ep.store, 'responses')).map((r) => r.id);
    expect({ n: ids.length, d: new Set(ids).size }).toEqual({ n: 30, d: 30 });
  });

  it('a drain is refused while another context holds the lease', async () => {
    const db = await freshDb();
    await fill(db, 3);
    const { deps } = await endpointDeps(db);
    await acquireLease(db, 'service-worker', Date.now(), 60_000);
    expect((await drainExclusive(deps, 'tab')).kind).toBe('busy');
    expect(await db.count('outbox')).toBe(3);
    await releaseLease(db, 'service-worker');
    expect((await drainExclusive(deps, 'tab')).kind).toBe('done');
  });
});

describe('the heartbeat', () => {
  it('reports pending, dead letters with reasons, last sync, storage and clock offset, and the endpoint keeps it per kiosk', async () => {
    const db = await freshDb();
    await fill(db, 2);
    await saveRecord(db, rating(1, { reasons: ['bogus'] }));
    await fill(db, 1);
    const { ep, deps } = await endpointDeps(db, { estimate: async () => ({ usage: 100, quota: 1000 }) });
    await drainOutbox(deps);
    await fill(db, 2); // still queued
    const hb = await buildHeartbeat(db, '1.2.3');
    expect(hb).toMatchObject({ appVersion: '1.2.3', pending: 2, deadLetters: 1, storageUsage: 100, storageQuota: 1000 });
    expect(hb.deadLetterReasons![0]).toMatchObject({ reason: expect.stringMatching(/unknown reason/), code: 'unknown_reason', field: 'reasons.0' });
    expect(hb.lastSyncAt).not.toBeNull();
    expect(typeof hb.clockOffsetMs).toBe('number');
    expect(await sendHeartbeat(deps, '1.2.3')).toMatchObject({ kind: 'sent', answer: { ok: true, windowId: 'w01' } });
    const kiosk = await onlyKiosk(ep.store);
    const stored = JSON.parse(kiosk.heartbeat!) as Record<string, unknown>;
    expect(stored).toMatchObject({ appVersion: '1.2.3', pending: 2, deadLetters: 1, storageUsage: 100, storageQuota: 1000 });
    for (const key of ['lastSyncAt', 'clockOffsetMs', 'receivedAt']) expect(stored).toHaveProperty(key);
    // seq 3 was the dead letter: a gap the device explains, so nothing is unexplained.
    expect(kiosk.seq_missing).toBe(1);
    expect(stored.seqUnexplained).toBe(0);
  });
});
