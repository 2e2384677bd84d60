/**
 * A phone's visit sends what the last visit left queued before it looks for refusals to tell (earlierSent in
 * src/app/phone/case-check.ts): it waits while that is being sent, and never longer than it must.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { earlierSent } from '../../src/app/phone/case-check';
import type { DrainResult } from '../../src/device/sync/engine';
import { uuidv7 } from '../../src/shared/ids';

let n = 0;
async function withQueued(count: number) {
  const db = await openKioskDb(`phone-earlier-sent-${++n}`);
  for (let i = 0; i < count; i++) {
    await saveRecord(db, {
      type: 'response', id: uuidv7(), rev: 0, windowId: 'w03', staffId: null, score: 5, scale: 5, reasons: [],
      deviceTime: new Date().toISOString(), channel: 'qr', suspect: false, followUp: false,
    });
  }
  return db;
}
const never = new Promise<DrainResult>(() => {});
const HOUR = 3_600_000;

describe('a phone visit and what the last visit left unsent', () => {
  it('with nothing queued, goes on at once', async () => {
    const db = await withQueued(0);
    await earlierSent(db, never, HOUR);
    expect(await db.count('outbox')).toBe(0);
  });

  it('goes on once the first drain is over, even with the rating still queued (offline, the endpoint failing)', async () => {
    const db = await withQueued(1);
    await earlierSent(db, Promise.resolve({ kind: 'retry_later', reason: 'server_error', message: 'HTTP 500', sent: 1 }), HOUR);
    expect(await db.count('outbox')).toBe(1);
  });

  it('while another context sends it (the first drain was busy), waits until the queue is empty', async () => {
    const db = await withQueued(2);
    let done = false;
    const waited = earlierSent(db, Promise.resolve({ kind: 'busy' }), HOUR).then(() => { done = true; });
    await new Promise((ok) => setTimeout(ok, 0));
    expect(done).toBe(false);
    await db.clear('outbox'); // the other context's answers settled
    await waited;
    expect(done).toBe(true);
  });

  it('never waits past its time, whatever the drain does', async () => {
    const db = await withQueued(1);
    let t = 0;
    const clock = () => (t += 1_000); // each look at the clock a second later
    await earlierSent(db, never, 3_000, clock);
    expect(await db.count('outbox')).toBe(1);
    expect(t).toBeLessThanOrEqual(5_000);
  });
});
