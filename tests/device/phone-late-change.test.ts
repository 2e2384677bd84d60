/**
 * A face chosen again on a phone (改选评价) that reaches the endpoint more than 30 minutes after the rating did (the
 * phone went offline in between) is refused and the first rating stands: the phone keeps the refusal and tells the
 * citizen once, on its next visit, instead of letting them believe the change counted.
 */
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { drainOutbox, DEFAULT_SYNC, type SyncDeps } from '../../src/device/sync/engine';
import { nextUntoldRefusal, refusalCode } from '../../src/app/phone/case-check';
import { PHONE_SYNC_PATH } from '../../src/app/phone/device';
import { uuidv7 } from '../../src/shared/ids';
import { makeEndpoint, signIn } from '../server/testkit';

describe('a phone whose change of rating arrives too late', () => {
  it('is told on its next visit that the change was not accepted, once, and the endpoint keeps the first score', async () => {
    let clock = Date.parse('2026-11-24T02:00:00Z');
    const ep = await makeEndpoint({ now: () => clock });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie } })).json()) as { posters: { windowId: string; url: string }[] };
    const token = new URL(posters.find((p) => p.windowId === 'w01')!.url).searchParams.get('t')!;

    const db = await openKioskDb('phone-late-change');
    const deps: SyncDeps = {
      db, baseUrl: '', path: PHONE_SYNC_PATH, anonymous: true, getToken: async () => null, deviceId: 'phone-late-0001',
      fetch: ((url: string, init?: RequestInit) => ep.app.request(url, init)) as unknown as typeof fetch,
      now: () => clock, random: () => 0.5, ...DEFAULT_SYNC, locks: null, estimate: null,
    };
    const first = await saveRecord(db, {
      type: 'response', id: uuidv7(), rev: 0, windowId: 'w01', staffId: null, score: 4, scale: 5, reasons: [],
      deviceTime: new Date(clock).toISOString(), channel: 'qr', token, suspect: false, followUp: false,
    }, clock);
    if (first.kind !== 'saved' || first.record.type !== 'response') throw new Error('the rating was not saved');
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', stored: 1 });

    // A minute later, offline, the citizen picks another face and gives a reason; the phone is online again 40 minutes on.
    clock += 60_000;
    await saveRecord(db, { ...first.record, rev: 1, score: 2, reasons: ['slow'] }, clock, { seq: first.record.seq });
    clock += 40 * 60_000;
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', rejected: 1 });

    const told = await nextUntoldRefusal(db);
    expect(told && refusalCode(told)).toBe('rating_change_too_late');
    expect(told?.field).toBe('score');
    expect(await nextUntoldRefusal(db)).toBeNull(); // told once
    const [row] = (await (await ep.app.request('/api/v1/export/responses.jsonl?site=demo&suspect=1', { headers: { cookie } })).text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; score: number });
    expect(row).toMatchObject({ id: first.record.id, score: 4 });
  });
});
