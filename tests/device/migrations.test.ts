import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb, DB_VERSION, type MetaValue } from '../../src/device/store/db';
import { loadWindowConfig } from '../../src/device/config';
import { loadPresenceKey } from '../../src/device/presence-key';
import { loadVerifiers } from '../../src/device/staff/verifiers';
import { saveRecord } from '../../src/device/store/records';
import { uuidv7 } from '../../src/shared/ids';

const rating = (score: 1 | 2 | 3 | 4 | 5) => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w01', staffId: null, score, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

describe('upgrading the device database', () => {
  for (let from = 1; from < DB_VERSION; from++) {
    it(`a kiosk on schema v${from} with pending ratings keeps every one of them after upgrading to v${DB_VERSION}`, async () => {
      const name = `ladder-from-${from}`;
      const old = await openKioskDb(name, from);
      expect(old.version).toBe(from);
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        const r = await saveRecord(old, rating(((i % 5) + 1) as 1 | 2 | 3 | 4 | 5));
        if (r.kind === 'saved') ids.push(r.record.id);
      }
      await old.put('deadLetters', { id: ids[0]!, type: 'response', reason: 'unknown reason "x"', at: 1, record: (await old.get('responses', ids[0]!))! });
      await old.put('outbox', { ...(await old.get('outbox', ids[1]!))!, attempts: 4, nextAttemptAt: 123 });
      old.close();

      const db = await openKioskDb(name);
      expect(db.version).toBe(DB_VERSION);
      expect((await db.getAllKeys('outbox')).sort()).toEqual([...ids].sort());
      expect(await db.count('responses')).toBe(25);
      expect(await db.get('outbox', ids[1]!)).toMatchObject({ attempts: 4, nextAttemptAt: 123 }); // the backoff schedule survives
      expect(await db.get('meta', 'seq')).toBe(25);
      expect(await db.getAllFromIndex('deadLetters', 'byAt')).toHaveLength(1);
      const next = await saveRecord(db, rating(5));
      expect(next.kind === 'saved' && next.record.seq).toBe(26); // numbering continues, no reuse
      db.close();
    });
  }
});

describe('upgrading to v3 (cached copies as { etag, value })', () => {
  it('a kiosk that cached its configuration and presence key under v2 still starts and signs codes offline after the upgrade', async () => {
    const name = 'ladder-cached-copies';
    const old = await openKioskDb(name, 2);
    const config = { window: { id: 'w01', number: '01' }, site: { id: 'demo' } };
    const key = { kid: 'p.k1', key: 'c2VjcmV0', windowId: 'w01' };
    // Shapes written by release 2, which the typed meta store no longer admits.
    await old.put('meta', { etag: '"abc"', config } as unknown as MetaValue, 'config:w01');
    await old.put('meta', { etag: null, config: [{ staffId: 's1', staffNumber: '1', pinHash: 'h' }] } as unknown as MetaValue, 'staff-pins:w01');
    await old.put('meta', key as unknown as MetaValue, 'presenceKey:w01');
    await old.put('meta', { deviceId: 'd', token: 't', windowId: 'w01', siteId: 'demo' }, 'enrolment:w01');
    old.close();

    const db = await openKioskDb(name);
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await loadWindowConfig(db, 'w01', offline)).toEqual({ kind: 'ok', config, from: 'cache' });
    expect(await loadPresenceKey(db, 'w01', offline)).toEqual(key);
    expect(await loadVerifiers(db, 'w01', 't', offline)).toEqual([{ staffId: 's1', staffNumber: '1', pinHash: 'h' }]);
    expect(await db.get('meta', 'config:w01')).toEqual({ etag: '"abc"', value: config }); // the ETag still revalidates
    db.close();
  });
});
