/** The store's unit of work: what a sync batch and the rows its hooks derive commit together, or not at all. */
import { describe, it, expect } from 'vitest';
import { freshStore, makeEndpoint, enrol, syncRequest, response, rows, auditOf, ENGINE } from './testkit';
import { ingestBatch, type IngestHook } from '../../src/server/ingest/ingest';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { CONFIG_DIR } from './testkit';
import { createUser } from '../../src/server/auth/users';
import { audit } from '../../src/server/audit';
import { rollupDeltas } from '../../src/server/store/rollup-deltas';

const config = new ConfigIndex(loadConfig(CONFIG_DIR));
const kiosk = { kind: 'kiosk' as const, kioskId: 'k-1', siteId: 'demo', windows: ['w01'] };

describe('the unit of work', () => {
  it('a bad rating and the entry its hook derives are stored together', async () => {
    const store = await freshStore();
    const derive: IngestHook = async (t, e) => {
      if (e.table === 'responses' && e.row.score <= 2) await audit(t, 'system', 'bad_rating_seen', { id: e.row.id, kind: e.kind });
    };
    const bad = response({ score: 1, reasons: ['slow'] });
    const out = await ingestBatch({ store, config, now: Date.now(), source: kiosk, hooks: [derive] }, [bad, response({ score: 5 })]);
    expect(out.map((o) => o.status)).toEqual(['stored', 'stored']);
    expect((await auditOf(store, 'bad_rating_seen')).map((r) => JSON.parse(String(r.detail)))).toEqual([{ id: bad.id, kind: 'insert' }]);
  });

  it('when a hook fails, neither the batch nor anything written before the failure is kept', async () => {
    const store = await freshStore();
    const derive: IngestHook = async (t, e) => {
      await audit(t, 'system', 'derived', { id: e.row.id });
      throw new Error('outbox full');
    };
    await expect(ingestBatch({ store, config, now: Date.now(), source: kiosk, hooks: [derive] }, [response()])).rejects.toThrow('outbox full');
    expect(await store.tables.count('responses')).toBe(0);
    expect(await auditOf(store, 'derived')).toEqual([]);
    // …and the store takes the same batch afterwards.
    expect((await ingestBatch({ store, config, now: Date.now(), source: kiosk }, [response()]))[0]!.status).toBe('stored');
  });

  it('the endpoint answers a batch whose unit failed with 500 and stores nothing of it', async () => {
    const { app, store } = await makeEndpoint({ ingestHooks: [async () => { throw new Error('disk full'); }] });
    const token = await enrol(app);
    const res = await app.request('/api/v1/sync', syncRequest(token, { records: [response(), response()] }));
    expect(res.status).toBe(500);
    expect(await store.tables.count('responses')).toBe(0);
  });

  // PostgreSQL runs units side by side, each isolated; SQLite has one writer and queues them.
  it.runIf(ENGINE === 'sqlite')('units started together on SQLite run one after the other: each sees what the one before committed', async () => {
    const store = await freshStore();
    const seen = await Promise.all(Array.from({ length: 5 }, (_, i) => store.tx(async (t) => {
      const before = await t.users.count();
      await createUser(t, { username: `u${i}`, password: 'pw-123456789', role: 'staff' });
      return before;
    })));
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('writing through the store instead of the unit inside a unit is refused as a bug', async () => {
    const store = await freshStore();
    await expect(store.tx(async () => audit(store, 'x', 'y', {}))).rejects.toThrow(/write through the unit of work/);
    expect(await rows(store, 'audit')).toEqual([]);
  });
});

describe('roll-up changes per batch', () => {
  const row = (over: Record<string, unknown>) => ({
    site_id: 'demo', day: '2026-11-20', window_id: 'w01', staff_id: null, score: 5, suspect: 0, hour: 10, weekday: 4, reasons: '[]', ...over,
  });

  it('a batch of a hundred ratings at one window and hour is one upsert per table', () => {
    const d = rollupDeltas(Array.from({ length: 100 }, () => row({})), []);
    expect(d.daily).toEqual([{ site_id: 'demo', day: '2026-11-20', window_id: 'w01', staff_id: '', score: 5, suspect: 0, n: 100 }]);
    expect(d.hourly).toEqual([expect.objectContaining({ hour: 10, n: 100, bad: 0 })]);
    expect(d.reasons).toEqual([]);
  });

  it('a later step that turns a 1 with a reason into a 4 moves the count and drops the reason', () => {
    const before = row({ score: 1, reasons: '["slow"]' });
    const d = rollupDeltas([], [{ previous: before, row: row({ score: 4 }) }]);
    expect(d.daily.map((x) => [x.score, x.n]).sort()).toEqual([[1, -1], [4, 1]]);
    expect(d.hourly).toEqual([expect.objectContaining({ n: 0, bad: -1 })]);
    expect(d.reasons).toEqual([expect.objectContaining({ reason: 'slow', n: -1 })]);
  });

  it('a rating inserted and revised in the same batch counts once, at its last score', () => {
    const first = row({ score: 2, reasons: '["slow"]' });
    const d = rollupDeltas([first], [{ previous: first, row: row({ score: 5 }) }]);
    expect(d.daily).toEqual([expect.objectContaining({ score: 5, n: 1 })]);
    expect(d.reasons).toEqual([]);
  });
});
