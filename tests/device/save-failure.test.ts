import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { getSyncStatus } from '../../src/device/store/meta';
import { uuidv7 } from '../../src/shared/ids';

const rating = () => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w01', staffId: null, score: 4 as const, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

describe('a save the disk refuses', () => {
  it('returns failed with the quota code and is recorded for staff, while earlier ratings stay', async () => {
    const db = await openKioskDb('save-failure-quota');
    expect((await saveRecord(db, rating())).kind).toBe('saved');
    const realTransaction = db.transaction.bind(db);
    // The next readwrite transaction over the response store fails the way a full disk does.
    (db as { transaction: unknown }).transaction = ((stores: never, mode: never) => {
      if (mode === 'readwrite' && Array.isArray(stores) && (stores as string[]).includes('responses')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realTransaction(stores, mode);
    }) as unknown as typeof db.transaction;
    const r = await saveRecord(db, rating(), 5_000);
    (db as { transaction: unknown }).transaction = realTransaction;
    expect(r).toMatchObject({ kind: 'failed', code: 'quota' });
    expect((await getSyncStatus(db)).lastSaveError).toMatchObject({ code: 'quota', at: 5_000 });
    expect(await db.count('responses')).toBe(1);
    expect(await db.count('outbox')).toBe(1);
  });
});
