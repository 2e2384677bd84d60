import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { openKioskDb } from '../../src/device/store/db';
import { afterWrongPin, guardedSignIn, DEFAULT_LOCKOUT, NO_FAILURES, type RemotePinCheck } from '../../src/device/staff/lockout';
import { kioskSignIn } from '../../src/device/staff/sign-in';
import { checkStaffPin, type PinVerifier } from '../../src/device/staff/pin';
import { loadVerifiers } from '../../src/device/staff/verifiers';
import { makeEndpoint, enrol, pairKiosk } from '../server/testkit';
import { endpointPinCheck } from '../../src/device/staff/remote';

let n = 0;
const freshDb = () => openKioskDb(`pin-lockout-${++n}`);

/** The demo hall's verifiers as the endpoint gives them to a paired kiosk (staff 1004's PIN is 246004). */
async function demoVerifiers(): Promise<PinVerifier[]> {
  const ep = await makeEndpoint();
  const token = await pairKiosk(ep.app, ep.store);
  const fetchFn = ((url: string, init?: RequestInit) => ep.app.request(url, init)) as unknown as typeof fetch;
  return (await loadVerifiers(await freshDb(), 'w01', token, fetchFn))!;
}

describe('wrong staff PINs on the kiosk', () => {
  it('three wrong PINs cost nothing; each further one makes the next try wait twice as long, up to 15 minutes', () => {
    let s = NO_FAILURES;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      s = afterWrongPin(s, 0);
      waits.push(s.until);
    }
    expect(waits).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    expect(afterWrongPin(s, 0)).toEqual({ failures: 10, until: DEFAULT_LOCKOUT.lockMs }); // the tenth locks for an hour
  });

  it('after ten wrong PINs even the right one is refused for an hour, a reload does not lift it, and afterwards it signs in', async () => {
    const db = await freshDb();
    const verifiers = await demoVerifiers();
    let now = 1_000_000;
    const page = () => guardedSignIn({ db, windowId: 'w01', now: () => now, local: (num, pin) => checkStaffPin(verifiers, num, pin) });
    let check = page();
    // Each wrong PIN is tried as soon as the wait before it is over.
    for (let i = 0; i < 10; i++) {
      const r = await check('1004', '000000');
      expect(r.kind).toBe(i < 2 ? 'wrong' : 'locked');
      if (r.kind === 'locked') now = r.until;
    }
    now -= 1; // still inside the hour
    check = page(); // the page was reloaded
    expect((await check('1004', '246004')).kind).toBe('locked');
    now += 1;
    expect(await check('1004', '246004')).toEqual({ kind: 'ok', staffId: 's1004' });
    expect((await check('1004', '000000')).kind).toBe('wrong'); // the count started again
  });

  it('while a wait runs, a PIN is not even checked', async () => {
    const db = await freshDb();
    let checked = 0;
    const local = async () => { checked++; return { kind: 'wrong' as const }; };
    const check = guardedSignIn({ db, windowId: 'w01', now: () => 0, local });
    for (let i = 0; i < 5; i++) await check('1004', '000000');
    expect(checked).toBe(3); // the third wrong PIN started a wait; the next two were refused unchecked
  });

  it('the endpoint\'s own check, when wired in, is asked first; its "wrong" counts too; unreachable falls back to the kiosk', async () => {
    const db = await freshDb();
    const verifiers = await demoVerifiers();
    const asked: string[] = [];
    let reachable = true;
    const remote: RemotePinCheck = async (num, pin) => {
      asked.push(num);
      if (!reachable) return { kind: 'unreachable' };
      return pin === '246004' ? { kind: 'ok', staffId: 's1004' } : { kind: 'wrong' };
    };
    const check = kioskSignIn(db, 'w01', async () => verifiers, remote);
    expect((await check('1004', '111111')).kind).toBe('wrong');
    expect((await check('1004', '111111')).kind).toBe('wrong');
    expect((await check('1004', '111111')).kind).toBe('locked');
    expect(asked).toHaveLength(3);
    const db2 = await freshDb();
    reachable = false;
    expect(await kioskSignIn(db2, 'w01', async () => verifiers, remote)('1004', '246004')).toEqual({ kind: 'ok', staffId: 's1004' });
  });

  it('online, the endpoint checks the PIN and its wait is obeyed; offline, the kiosk\'s verifiers decide', async () => {
    let now = Date.parse('2026-11-23T09:00:00+08:00');
    const ep = await makeEndpoint({ now: () => now });
    const token = await pairKiosk(ep.app, ep.store, 'w01');
    let online = true;
    const requests: string[] = [];
    const fetchFn = (async (url: string, init?: RequestInit) => {
      requests.push(String(url));
      if (!online) throw new TypeError('Failed to fetch');
      return ep.app.request(String(url), init);
    }) as unknown as typeof fetch;
    const verifiers = await loadVerifiers(await freshDb(), 'w01', token, fetchFn);
    const remote = endpointPinCheck({ token: async () => token, fetchFn, now: () => now });
    const check = kioskSignIn(await freshDb(), 'w01', async () => verifiers, remote);
    expect(await check('1004', '246004')).toEqual({ kind: 'ok', staffId: 's1004' });
    expect(requests.filter((u) => u.endsWith('/api/v1/staff/sign-in'))).toHaveLength(1);
    // Another tablet's wiped lockout does not help a guesser: the endpoint keeps its own count for this kiosk.
    const wiped = async () => kioskSignIn(await freshDb(), 'w01', async () => verifiers, remote);
    for (let i = 0; i < 3; i++) expect((await (await wiped())('1005', `00000${i}`)).kind).toBe('wrong');
    const refused = await (await wiped())('1005', '246005');
    expect(refused).toEqual({ kind: 'locked', until: now + 30_000 });
    now += 30_000;
    expect(await (await wiped())('1005', '246005')).toEqual({ kind: 'ok', staffId: 's1005' });
    online = false;
    expect(await kioskSignIn(await freshDb(), 'w01', async () => verifiers, remote)('1003', '246003')).toEqual({ kind: 'ok', staffId: 's1003' });
  });

  it('a kiosk enrolled on an open-enrolment site holds no verifiers, so offline it cannot verify; online the endpoint signs staff in', async () => {
    const ep = await makeEndpoint();
    const token = await enrol(ep.app, 'w02');
    let online = true;
    const fetchFn = (async (url: string, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      return ep.app.request(String(url), init);
    }) as unknown as typeof fetch;
    const db = await freshDb();
    const verifiers = () => loadVerifiers(db, 'w02', token, fetchFn);
    const check = kioskSignIn(db, 'w02', verifiers, endpointPinCheck({ token: async () => token, fetchFn }));
    expect(await check('1002', '246002')).toEqual({ kind: 'ok', staffId: 's1002' });
    online = false;
    expect(await check('1002', '246002')).toEqual({ kind: 'cannot_verify' });
  });
});
