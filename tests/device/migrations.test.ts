import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb, DB_VERSION } from '../../src/device/store/db';
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
