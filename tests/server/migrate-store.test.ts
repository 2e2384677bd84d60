/** Moving a hall from SQLite to PostgreSQL: every table copied, counted and checksummed; an interrupted copy finishes on a second run. */
import { describe, it, expect } from 'vitest';
import { openStore, type Store } from '../../src/server/store';
import { TABLES } from '../../src/server/store/tables';
import { copyStore } from '../../src/server/cli/migrate-store';
import { seedResponses } from '../../src/server/cli/seed';
import { createUser } from '../../src/server/auth/users';
import { audit } from '../../src/server/audit';
import { enrolKiosk } from '../../src/server/auth/kiosks';
import { loadConfig } from '../../src/server/config/load';
import { purgePersonalData } from '../../src/server/retention';
import { CONFIG_DIR, enrol, makeEndpoint, response, rows, syncRequest, testSchema, TEST_DATABASE_URL } from './testkit';

let seeded = 0;
async function sqliteHall(): Promise<Store> {
  const store = await openStore({ file: ':memory:' });
  seeded = (await seedResponses(store, loadConfig(CONFIG_DIR), { responses: 5000, days: 40, end: '2026-11-20' })).responses;
  await createUser(store, { username: 'zhao', password: 'zhao-password-1', role: 'supervisor', sites: ['demo'] });
  await enrolKiosk(store, 'demo', 'w01');
  await audit(store, 'cli', 'user_created', { username: 'zhao' });
  return store;
}

const pgStore = async () => openStore({ url: TEST_DATABASE_URL, schema: await testSchema(), dropSchemaOnClose: true, poolSize: 4 });
const november = { siteId: 'demo', from: '2026-11-01', to: '2026-11-30', windowId: null, staffId: null, suspect: true };
const total = async (s: Store) => (await s.stats.levelCounts(november, [])).reduce((a, r) => a + r.n, 0);

describe('npm run migrate-store', () => {
  it('copies every table to PostgreSQL with equal counts and checksums, and the dashboard reads the same figures', async () => {
    const [from, to] = [await sqliteHall(), await pgStore()];
    try {
      const reports = await copyStore(from, to, TABLES);
      expect(reports.map((r) => r.table).sort()).toEqual(Object.keys(TABLES).sort());
      expect(reports.filter((r) => !r.same)).toEqual([]);
      expect(reports.find((r) => r.table === 'responses')).toMatchObject({ source: seeded, target: seeded });
      expect(await total(to)).toBe(await total(from));
      expect((await to.users.byName('zhao'))?.sites).toEqual(['demo']);
      // The target numbers new rows after the copied ones.
      const id = await to.users.create({ username: 'new', role: 'staff', passwordHash: 'x', sites: [], staffId: null, createdAt: 1 });
      expect(id).toBeGreaterThan((await from.users.byName('zhao'))!.id);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  }, 120_000);

  it('a copy interrupted half way is finished by running it again, each row once', async () => {
    const [from, to] = [await sqliteHall(), await pgStore()];
    try {
      await expect(copyStore(from, to, TABLES, { stopAfterPages: 7 })).rejects.toThrow(/copy stopped in responses/);
      const partial = await to.tables.count('responses');
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(seeded);
      const reports = await copyStore(from, to, TABLES);
      expect(reports.filter((r) => !r.same)).toEqual([]);
      expect(reports.find((r) => r.table === 'responses')).toMatchObject({ copied: seeded - partial, target: seeded });
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  }, 120_000);

  it('a target an endpoint has already started on (an admin of its own) is refused before anything is copied', async () => {
    const [from, to] = [await sqliteHall(), await pgStore()];
    try {
      await to.users.create({ username: 'admin', role: 'admin', passwordHash: 'its-own', sites: [], staffId: null, createdAt: 2 });
      await expect(copyStore(from, to, TABLES)).rejects.toThrow(/the target holds rows of its own \(users: 1\): an endpoint has started on it/);
      expect(await to.tables.count('responses')).toBe(0);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  }, 120_000);

  it('a retention purge on the live source while the copy runs cannot leave a phone number in a comment unmasked for good: the target\'s own purge masks it', async () => {
    const DAY = 86_400_000;
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, store: from, config } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 1, reasons: ['slow'], comment: '请回电 138 0013 8000', deviceTime: new Date(now).toISOString() })] }));
    now += 200 * DAY; // past the 180 days of retention
    // The endpoint still runs on the source: its daily purge comes just after the responses were copied.
    let purged = false;
    const tables = new Proxy(from.tables, {
      get(t, name) {
        if (name !== 'scan') return Reflect.get(t, name).bind(t);
        return async (table: string, after: string | number | null, limit: number) => {
          const page = await t.scan(table, after, limit);
          if (table === 'responses' && page.length === 0 && !purged) {
            purged = true;
            expect((await purgePersonalData(from, config, now)).sites[0]!.texts).toBe(1);
          }
          return page;
        };
      },
    });
    const live = new Proxy(from, { get: (s, name) => (name === 'tables' ? tables : Reflect.get(s, name)) });
    const to = await pgStore();
    try {
      const reports = await copyStore(live, to, TABLES);
      expect(purged).toBe(true);
      // The copy says the source changed under it …
      expect(reports.find((r) => r.table === 'responses')?.same).toBe(false);
      expect((await rows(to, 'responses')).map((r) => r.comment)).toEqual(['请回电 138 0013 8000']);
      // … and the target's first purge masks what was copied before the source's purge reached it.
      await purgePersonalData(to, config, now);
      expect((await rows(to, 'responses')).map((r) => r.comment)).toEqual(['请回电 138****8000']);
    } finally {
      await to.close();
    }
  }, 120_000);
});
