import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb, DB_VERSION } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { uuidv7 } from '../../src/shared/ids';

let n = 0;
const freshDb = () => openKioskDb(`outbox-atomic-${++n}`);

const rating = (score: 1 | 2 | 3 | 4 | 5, id = uuidv7()) => ({
  type: 'response' as const, id, rev: 0, windowId: 'w01', staffId: null, score, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

describe('saving a rating on the device', () => {
  it('the migration ladder opens an empty device at the newest version with every store', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['deadLetters', 'meta', 'outbox', 'responses', 'suggestions']);
  });

  it('writes the response and its outbox entry together', async () => {
    const db = await freshDb();
    const r = await saveRecord(db, rating(5));
    expect(r.kind).toBe('saved');
    const id = r.kind === 'saved' ? r.record.id : '';
    expect(await db.get('responses', id)).toMatchObject({ score: 5, seq: 1 });
    expect(await db.get('outbox', id)).toMatchObject({ id, type: 'response', attempts: 0 });
  });

  it('writes neither when the transaction fails', async () => {
    const db = await freshDb();
    const bad = { ...rating(4), id: undefined as unknown as string }; // no key: the put fails inside the transaction
    const r = await saveRecord(db, bad);
    expect(r.kind).toBe('failed');
    expect(await db.count('responses')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
  });

  it('numbers each new record with the next device sequence number', async () => {
    const db = await freshDb();
    const seqs = [];
    for (let i = 0; i < 3; i++) {
      const r = await saveRecord(db, rating(3));
      if (r.kind === 'saved') seqs.push(r.record.seq);
    }
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('a later survey step updates the same response instead of adding one', async () => {
    const db = await freshDb();
    const first = rating(2);
    await saveRecord(db, first);
    await saveRecord(db, { ...first, rev: 1, reasons: ['slow'], comment: '等了很久' });
    expect(await db.count('responses')).toBe(1);
    expect(await db.count('outbox')).toBe(1);
    expect(await db.get('responses', first.id)).toMatchObject({ rev: 1, seq: 1, reasons: ['slow'], comment: '等了很久' });
  });
});
