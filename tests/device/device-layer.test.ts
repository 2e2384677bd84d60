import 'fake-indexeddb/auto';
import { describe, it, expect, onTestFinished } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { getSyncStatus, setEnrolment, getMeta } from '../../src/device/store/meta';
import { settleBatch, deferEntries } from '../../src/device/store/outbox';
import { drainOutbox, DEFAULT_SYNC, type DrainResult, type SyncDeps } from '../../src/device/sync/engine';
import { startSyncLoop } from '../../src/device/sync/scheduler';
import { sendHeartbeat } from '../../src/device/sync/heartbeat';
import { inBackground } from '../../src/device/tasks';
import { loadPresenceKey } from '../../src/device/presence-key';
import { loadVerifiers } from '../../src/device/staff/verifiers';
import { ensureEnrolled } from '../../src/device/enrol';
import { uuidv7 } from '../../src/shared/ids';
import { makeEndpoint, enrol, pairKiosk } from '../server/testkit';

let n = 0;
const freshName = () => `device-layer-${++n}`;

const rating = (score: 1 | 2 | 3 | 4 | 5) => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w01', staffId: null, score, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

/** The endpoint in process; every request it receives is counted by path. */
async function endpoint() {
  const ep = await makeEndpoint();
  const token = await pairKiosk(ep.app, ep.store); // paired with a code: open enrolment gets no PIN verifiers
  const seen: string[] = [];
  const fetchFn = ((url: string, init?: RequestInit) => {
    seen.push(new URL(url, 'http://kiosk').pathname);
    return ep.app.request(url, init);
  }) as unknown as typeof fetch;
  return { ep, token, seen, fetchFn };
}

function deps(db: KioskDatabase, fetchFn: typeof fetch, token: () => string, over: Partial<SyncDeps> = {}): SyncDeps {
  return { db, baseUrl: '', fetch: fetchFn, now: Date.now, random: () => 0.5, ...DEFAULT_SYNC, deviceId: null, getToken: async () => token(), locks: null, estimate: null, ...over };
}

const storedCount = (ep: Awaited<ReturnType<typeof makeEndpoint>>) => ep.store.tables.count('responses');

describe('a kiosk whose token the endpoint refused', () => {
  it('sends no further sync or heartbeat until it is paired again, then delivers everything it kept', async () => {
    const db = await openKioskDb(freshName());
    for (let i = 0; i < 3; i++) await saveRecord(db, rating(4));
    const { ep, token, seen, fetchFn } = await endpoint();
    let current = 'revoked-token';
    const d = deps(db, fetchFn, () => current);
    expect((await drainOutbox(d)).kind).toBe('unauthorized');
    expect(seen.filter((p) => p === '/api/v1/sync')).toHaveLength(1);
    // The interval, the online event, the service worker and "sync now" all end in the same engine.
    for (let i = 0; i < 5; i++) expect((await drainOutbox(d)).kind).toBe('unauthorized');
    expect(await sendHeartbeat(d, '1.0.0')).toEqual({ kind: 'unauthorized' });
    expect(seen).toHaveLength(1);
    expect(await db.count('outbox')).toBe(3); // nothing is dropped while it waits

    await setEnrolment(db, { deviceId: 'k', token, windowId: 'w01', siteId: 'demo' });
    current = token;
    expect(await drainOutbox(d)).toMatchObject({ kind: 'done', stored: 3 });
    expect(await storedCount(ep)).toBe(3);
  });
});

describe('the sync loop', () => {
  it('keeps rescheduling after IndexedDB refuses a request, and delivers once the store answers again', async () => {
    const name = freshName();
    const broken = await openKioskDb(name);
    await saveRecord(broken, rating(5));
    broken.close(); // every request on this connection now throws InvalidStateError
    const { ep, token, fetchFn } = await endpoint();
    const d = deps(broken, fetchFn, () => token);
    const results: DrainResult[] = [];
    let failedOnce!: () => void;
    let delivered!: () => void;
    const failed = new Promise<void>((ok) => { failedOnce = ok; });
    const done = new Promise<void>((ok) => { delivered = ok; });
    const loop = startSyncLoop(d, {
      intervalMs: 50,
      onResult: (r) => {
        results.push(r);
        if (r.kind === 'retry_later' && r.reason === 'storage') failedOnce();
        if (r.kind === 'done' && r.stored === 1) delivered();
      },
    });
    await failed; // the loop's first drain met the closed store
    d.db = await openKioskDb(name); // the store is back (the page reopened it)
    await done; // delivered by a later wake of the same loop, with no call from outside
    loop.stop();
    expect(await storedCount(ep)).toBe(1);
    expect(results.some((r) => r.kind === 'retry_later')).toBe(true);
  });
});

describe('work started and not awaited', () => {
  it('a failure is recorded in the sync status that the staff corner and the heartbeat show', async () => {
    const db = await openKioskDb(freshName());
    await inBackground(db, 'presence key', async () => { throw new TypeError('Failed to fetch'); });
    expect((await getSyncStatus(db)).lastBackgroundError).toMatchObject({ task: 'presence key', message: 'TypeError: Failed to fetch' });
  });
});

describe('network first, then the stored copy', () => {
  it('the presence key is used offline from the stored copy, and dropped when the endpoint refuses the token', async () => {
    const db = await openKioskDb(freshName());
    const { token, fetchFn } = await endpoint();
    await setEnrolment(db, { deviceId: 'k', token, windowId: 'w01', siteId: 'demo' });
    const online = await loadPresenceKey(db, 'w01', fetchFn);
    expect(online).toMatchObject({ windowId: 'w01' });
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await loadPresenceKey(db, 'w01', offline)).toEqual(online);
    await setEnrolment(db, { deviceId: 'k', token: 'revoked', windowId: 'w01', siteId: 'demo' });
    expect(await loadPresenceKey(db, 'w01', fetchFn)).toBeNull();
    expect(await getMeta(db, 'presenceKey:w01')).toBeUndefined();
  });

  it('PIN verifiers come only with a device token and stay for offline sign-in', async () => {
    const db = await openKioskDb(freshName());
    const { token, fetchFn } = await endpoint();
    expect(await loadVerifiers(db, 'w01', null, fetchFn)).toBeNull();
    const fresh = await loadVerifiers(db, 'w01', token, fetchFn);
    expect(fresh?.length).toBeGreaterThan(0);
    expect(fresh![0]!.pinHash).toMatch(/^pbkdf2-sha256\$/);
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await loadVerifiers(db, 'w01', token, offline)).toEqual(fresh);
  });

  it('a kiosk that enrolled itself on an open-enrolment hall does not ask for PIN verifiers it would be refused', async () => {
    const db = await openKioskDb(freshName());
    const { ep, seen, fetchFn } = await endpoint();
    const enrolled = await ensureEnrolled(db, 'w02', undefined, fetchFn);
    if (enrolled.kind !== 'enrolled') throw new Error(`not enrolled: ${enrolled.kind}`);
    expect(enrolled.enrolment.paired).toBe(false);
    expect(await loadVerifiers(db, 'w02', enrolled.enrolment.token, fetchFn)).toBeNull();
    expect(seen.filter((p) => p === '/api/v1/staff/verifiers')).toEqual([]);
    // The same endpoint does give them to a kiosk paired with an admin's code.
    const paired = await pairKiosk(ep.app, ep.store);
    expect((await loadVerifiers(db, 'w01', paired, fetchFn))?.length).toBeGreaterThan(0);
  });
});

describe('saving and settling with few IndexedDB round trips', () => {
  it('two tabs saving in turn never give two records the same sequence number', async () => {
    const name = freshName();
    const a = await openKioskDb(name);
    const b = await openKioskDb(name);
    const seqs: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await saveRecord(i % 3 === 0 ? b : a, rating(3)); // each tab guesses from what it wrote last
      if (r.kind === 'saved') seqs.push(r.record.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await getMeta(a, 'seq')).toBe(6);
  });

  it('answered records leave the outbox; a deferred one inside the same key range stays with its schedule', async () => {
    const db = await openKioskDb(freshName());
    const saved = [];
    for (let i = 0; i < 5; i++) {
      const r = await saveRecord(db, rating(5));
      if (r.kind === 'saved') saved.push(r.record);
    }
    const entries = await db.getAll('outbox');
    const middle = entries[2]!;
    await deferEntries(db, [middle], 'HTTP 503', () => 9e12);
    const batch = entries.filter((e) => e.id !== middle.id);
    const settled = await settleBatch(db, batch, new Map(saved.map((r) => [r.id, r])), batch.map((e) => ({ id: e.id, status: 'stored' as const })), Date.now());
    expect(settled.tally.stored).toBe(4);
    expect(await db.getAll('outbox')).toEqual([{ ...middle, attempts: 1, lastError: 'HTTP 503', nextAttemptAt: 9e12 }]);
  });
});

describe('back online', () => {
  it('everything queued while offline goes as soon as the network is back, not when each rating\'s retry comes due', async () => {
    const db = await openKioskDb(freshName());
    const { ep, token, fetchFn } = await endpoint();
    let offline = true;
    const flaky = ((url: string, init?: RequestInit) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetchFn(url, init))) as unknown as typeof fetch;
    const d = deps(db, flaky, () => token);
    let delivered!: () => void;
    const sent = new Promise<void>((ok) => { delivered = ok; });
    // The window's events, as a page has them (Node's global has none).
    const win = new EventTarget();
    const g = globalThis as unknown as Record<string, unknown>;
    g.addEventListener = win.addEventListener.bind(win);
    g.removeEventListener = win.removeEventListener.bind(win);
    onTestFinished(() => { delete g.addEventListener; delete g.removeEventListener; });
    const loop = startSyncLoop(d, { intervalMs: 3_600_000, onResult: (r) => { if (r.kind === 'done' && r.stored === 2) delivered(); } });
    await loop.first;
    // Two ratings while the Wi-Fi is down: their tries fail, and after a few the next is minutes away.
    for (let i = 0; i < 2; i++) {
      await saveRecord(db, rating(5));
      expect(await loop.syncNow()).toMatchObject({ kind: 'retry_later', reason: 'offline' });
    }
    await deferEntries(db, await db.getAll('outbox'), 'Failed to fetch', () => Date.now() + 4 * 60_000);
    expect(await loop.syncNow()).toMatchObject({ kind: 'done', sent: 0 }); // nothing due: a save's own sync does not hurry them

    offline = false;
    win.dispatchEvent(new Event('online'));
    await sent;
    loop.stop();
    expect(await storedCount(ep)).toBe(2);
    expect(await db.count('outbox')).toBe(0);
  });
});
