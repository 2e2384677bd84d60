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
import { CONFIG_DIR, testSchema, TEST_DATABASE_URL } from './testkit';

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
      expect(reports.map((r) => r.table)).toEqual(Object.keys(TABLES));
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
});
