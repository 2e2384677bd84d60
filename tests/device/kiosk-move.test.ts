/** A kiosk an admin moved to another window of the hall follows the Move at its next heartbeat. */
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { getEnrolment } from '../../src/device/store/meta';
import { ensureEnrolled } from '../../src/device/enrol';
import { drainOutbox, DEFAULT_SYNC, type SyncDeps } from '../../src/device/sync/engine';
import { sendHeartbeat } from '../../src/device/sync/heartbeat';
import { followMove, LAST_WINDOW_KEY } from '../../src/device/move';
import { lastWindow } from '../../src/app/pair/enrol';
import { uuidv7 } from '../../src/shared/ids';
import { makeEndpoint, signIn } from '../server/testkit';

const rating = (windowId: string) => ({
  type: 'response' as const, id: uuidv7(), rev: 0, windowId, staffId: null, score: 4 as const, scale: 5 as const, reasons: [],
  deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
});

/** A kiosk enrolled at w01 against the endpoint in process, and the admin's Move and revoke for it. */
async function kioskAtW01() {
  const ep = await makeEndpoint();
  const admin = await signIn(ep.app, ep.store, 'admin');
  const db = await openKioskDb(`kiosk-move-${uuidv7()}`);
  const fetchApp: typeof fetch = (input, init) => Promise.resolve(ep.app.request(String(input), init));
  const enrolled = await ensureEnrolled(db, 'w01', undefined, fetchApp, 'http://hall.local');
  if (enrolled.kind !== 'enrolled') throw new Error(`not enrolled: ${enrolled.kind}`);
  const { enrolment } = enrolled;
  const deps: SyncDeps = {
    ...DEFAULT_SYNC, db, baseUrl: 'http://hall.local', fetch: fetchApp, now: Date.now, random: Math.random,
    deviceId: enrolment.deviceId, getToken: async () => enrolment.token, locks: null, estimate: null,
  };
  const asAdmin = (path: string, body: unknown) => ep.app.request(`/api/v1/admin/kiosks/${enrolment.deviceId}/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify(body),
  });
  /** Sends one heartbeat and follows its answer, as the kiosk page showing w01 does. */
  const beat = async () => {
    const r = await sendHeartbeat(deps, '1.0');
    return r.kind === 'sent' ? followMove(deps, 'w01', r.answer) : r;
  };
  return { ep, db, deps, enrolment, asAdmin, beat };
}

describe('a kiosk moved by an admin', () => {
  it('stays at its window while the heartbeat names it', async () => {
    const { db, beat } = await kioskAtW01();
    expect(await beat()).toEqual({ kind: 'stays' });
    expect(await getEnrolment(db, 'w02')).toBeUndefined();
  });

  it('stores its enrolment under the new window at the next heartbeat, with the same token and device id, and still sends the ratings queued for the old one', async () => {
    const { ep, db, deps, enrolment, asAdmin, beat } = await kioskAtW01();
    await saveRecord(db, rating('w01'));
    expect((await asAdmin('move', { windowId: 'w02' })).status).toBe(200);
    expect(await beat()).toEqual({ kind: 'moved', windowId: 'w02' });
    expect(await getEnrolment(db, 'w02')).toEqual({ ...enrolment, windowId: 'w02' });
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', stored: 1 });
    expect(await ep.store.tables.count('responses')).toBe(1);
  });

  it('after the Move, /kiosk (the installed app\'s start) opens the new window, not the one it was moved from', async () => {
    const kept = new Map<string, string>([[LAST_WINDOW_KEY, 'w01']]);
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      const { asAdmin, beat } = await kioskAtW01();
      expect((await asAdmin('move', { windowId: 'w02' })).status).toBe(200);
      expect(await beat()).toEqual({ kind: 'moved', windowId: 'w02' });
      expect(kept.get(LAST_WINDOW_KEY)).toBe('w02');
      expect(lastWindow()).toBe('w02'); // what the pairing page at /kiosk reads
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it('changes nothing when the answer names a window the endpoint has no configuration for', async () => {
    const { db, deps } = await kioskAtW01();
    const answer = { ok: true, serverTime: new Date().toISOString(), seqMissing: 0, seqUnexplained: 0, windowId: 'w99' };
    expect(await followMove(deps, 'w01', answer)).toEqual({ kind: 'ignored', reason: 'unknown_window' });
    expect(await getEnrolment(db, 'w99')).toBeUndefined();
  });

  it('changes nothing once revoked: its heartbeat is refused and names no window', async () => {
    const { db, asAdmin, beat } = await kioskAtW01();
    expect((await asAdmin('move', { windowId: 'w02' })).status).toBe(200);
    expect((await asAdmin('revoke', {})).status).toBe(200);
    expect(await beat()).toEqual({ kind: 'unauthorized' });
    expect(await getEnrolment(db, 'w02')).toBeUndefined();
  });
});
