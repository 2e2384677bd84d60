/** Attempts kept in flight together meet the same limits as attempts made one after another. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, auditOf } from './testkit';
import { createUser } from '../../src/server/auth/users';
import { createPairingCode } from '../../src/server/auth/pairing';
import { LOGIN_RULES, PAIRING_RULES, PIN_RULES } from '../../src/server/auth/attempts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();

async function endpoint() {
  const clock = { now: T0 };
  const ep = await makeEndpoint({ now: () => clock.now });
  return { ep, clock };
}

describe('limits with many requests in flight', { timeout: 240_000 }, () => {
  it('twelve wrong passwords sent at once: five are judged wrong, the rest wait, and the owner signs in once the window has passed', async () => {
    const { ep, clock } = await endpoint();
    await createUser(ep.store, { username: 'qian', password: 'the-real-password', role: 'staff' });
    const login = (password: string) => ep.app.request('/api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'qian', password }),
    }, peer('203.0.113.66'));
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`guess-${i}`)));
    expect(statuses(answers)).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect(await auditOf(ep.store, 'login_failed')).toHaveLength(5); // only five passwords were checked
    clock.now += LOGIN_RULES.windowMs + 1_000;
    expect((await login('the-real-password')).status).toBe(200);
  });

  it('ten wrong PINs sent at once from one kiosk: three are judged wrong, the rest wait, and the right PIN works once the hour has passed', async () => {
    const { ep, clock } = await endpoint();
    const kiosk = await enrol(ep.app, 'w01');
    const pin = (p: string) => ep.app.request('/api/v1/staff/sign-in', {
      method: 'POST', headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' }, body: JSON.stringify({ staffNumber: '1001', pin: p }),
    });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => pin(`00000${i}`)));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ kind?: string; error?: string }>;
    expect(bodies.filter((b) => b.kind === 'wrong')).toHaveLength(PIN_RULES.freeFailures);
    expect(bodies.filter((b) => b.error === 'too_many_attempts')).toHaveLength(10 - PIN_RULES.freeFailures);
    clock.now += PIN_RULES.windowMs + 1_000;
    expect(await (await pin('246001')).json()).toMatchObject({ kind: 'ok', staffId: 's1001' });
  });

  it('fifteen wrong pairing codes sent at once from one address: ten are judged unknown, the rest wait', async () => {
    const { ep } = await endpoint();
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => ep.app.request('/api/v1/enrol', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `WRNG-${String(i).padStart(4, '0')}` }),
    }, peer('192.0.2.10'))));
    expect(statuses(answers)).toEqual([...Array(PAIRING_RULES.freeFailures).fill(401), ...Array(15 - PAIRING_RULES.freeFailures).fill(429)]);
  });
});

describe('a pairing code for another window', () => {
  it('is refused without being used up, and still pairs its own window afterwards', async () => {
    const { ep, clock } = await endpoint();
    const { code } = await createPairingCode(ep.store, 'demo', 'w01', 'admin', clock.now);
    const enrolWith = (windowId: string) => ep.app.request('/api/v1/enrol', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, windowId }),
    }, peer('192.0.2.10'));
    const refused = await enrolWith('w02');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'window_mismatch', field: 'windowId' });
    expect(await auditOf(ep.store, 'kiosk_enrolled')).toHaveLength(0);
    const paired = await enrolWith('w01');
    expect(paired.status).toBe(200);
    const { deviceId, windowId } = (await paired.json()) as { deviceId: string; windowId: string };
    expect(windowId).toBe('w01');
    expect(await ep.store.pairing.paired(deviceId)).toBe(true);
    expect(await auditOf(ep.store, 'kiosk_enrolled')).toHaveLength(1);
  });
});
