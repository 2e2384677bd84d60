/** Staff PINs: verifiers only for paired kiosks, and a sign-in the endpoint checks with its own growing delay. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, pairKiosk } from './testkit';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;

const T0 = Date.parse('2026-11-23T09:00:00+08:00');

const verifiers = (ep: Endpoint, token: string) => ep.app.request('/api/v1/staff/verifiers', { headers: { authorization: `Bearer ${token}` } });
const pinSignIn = (ep: Endpoint, token: string, staffNumber: string, pin: string) => ep.app.request('/api/v1/staff/sign-in', {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ staffNumber, pin }),
});
const answer = async (r: Response) => ({ status: r.status, body: (await r.json()) as { kind?: string; staffId?: string; error?: string; retryAfterSeconds?: number }, retryAfter: r.headers.get('retry-after') });

describe('PIN verifiers', () => {
  it('a kiosk enrolled on an open-enrolment site gets no PIN verifiers; one paired with an admin\'s code does', async () => {
    const ep = await makeEndpoint();
    const open = await enrol(ep.app, 'w01');
    const r = await verifiers(ep, open);
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toBe('pairing_required');
    const paired = await pairKiosk(ep.app, ep.store, 'w02');
    const ok = await verifiers(ep, paired);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { verifiers: unknown[] }).verifiers.length).toBeGreaterThan(0);
  });
});

describe('staff sign-in checked by the endpoint', () => {
  it('the right PIN names the staff member; a wrong PIN or an unknown staff number is simply wrong', async () => {
    const ep = await makeEndpoint();
    const kiosk = await enrol(ep.app, 'w01'); // online sign-in needs no verifier on the tablet, so open enrolment is enough
    expect(await answer(await pinSignIn(ep, kiosk, '1001', '246001'))).toMatchObject({ status: 200, body: { kind: 'ok', staffId: 's1001' } });
    expect(await answer(await pinSignIn(ep, kiosk, '1001', '000000'))).toMatchObject({ status: 200, body: { kind: 'wrong' } });
    expect(await answer(await pinSignIn(ep, kiosk, '9999', '246001'))).toMatchObject({ status: 200, body: { kind: 'wrong' } });
    expect((await pinSignIn(ep, 'not-a-device-token', '1001', '246001')).status).toBe(401);
  });

  it('after three wrong PINs each try on that kiosk waits longer, and the wait holds even for the right PIN', async () => {
    let now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const kiosk = await enrol(ep.app, 'w01');
    for (let i = 0; i < 3; i++) expect((await answer(await pinSignIn(ep, kiosk, '1002', `00000${i}`))).body.kind).toBe('wrong');
    const first = await answer(await pinSignIn(ep, kiosk, '1002', '246002'));
    expect(first).toMatchObject({ status: 429, body: { error: 'too_many_attempts', retryAfterSeconds: 30 }, retryAfter: '30' });
    now += 30_000;
    expect((await answer(await pinSignIn(ep, kiosk, '1002', '111111'))).body.kind).toBe('wrong');
    const second = await answer(await pinSignIn(ep, kiosk, '1002', '246002'));
    expect(second.status).toBe(429);
    expect(second.body.retryAfterSeconds).toBe(60);
    now += 60_000;
    // The right PIN gets in once the wait is over, and clears the count for this kiosk.
    expect(await answer(await pinSignIn(ep, kiosk, '1002', '246002'))).toMatchObject({ status: 200, body: { kind: 'ok', staffId: 's1002' } });
    expect((await answer(await pinSignIn(ep, kiosk, '1002', '000009'))).body.kind).toBe('wrong');
  });

  it('wrong PINs guessed on one kiosk do not lock the same staff member out on another', async () => {
    let now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const guessing = await enrol(ep.app, 'w01');
    const own = await enrol(ep.app, 'w03');
    for (let i = 0; i < 6; i++) {
      await pinSignIn(ep, guessing, '1003', `12345${i}`);
      now += 1_000;
    }
    expect((await pinSignIn(ep, guessing, '1003', '246003')).status).toBe(429);
    expect(await answer(await pinSignIn(ep, own, '1003', '246003'))).toMatchObject({ status: 200, body: { kind: 'ok', staffId: 's1003' } });
  });

  it('the delay is kept in the store: a restarted endpoint on the same store still makes the guesser wait', async () => {
    const now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const kiosk = await enrol(ep.app, 'w01');
    for (let i = 0; i < 4; i++) await pinSignIn(ep, kiosk, '1004', `99999${i}`);
    const { createApp } = await import('../../src/server/app');
    const restarted = createApp({ store: ep.store, config: ep.config, now: () => now, version: 'test', production: false });
    const r = await restarted.request('/api/v1/staff/sign-in', {
      method: 'POST', headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' }, body: JSON.stringify({ staffNumber: '1004', pin: '246004' }),
    });
    expect(r.status).toBe(429);
  });
});
