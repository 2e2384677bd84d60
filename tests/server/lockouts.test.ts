/** Wrong passwords and pairing codes slow the guesser down without locking the real user out. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, signIn } from './testkit';
import { createUser } from '../../src/server/auth/users';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

async function endpoint() {
  const clock = { now: T0 };
  const ep = await makeEndpoint({ now: () => clock.now });
  const login = (username: string, password: string, address: string) => ep.app.request('/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  }, peer(address));
  return { ep, clock, login };
}

describe('sign-in limits', { timeout: 120_000 }, () => {
  it('seven wrong passwords for admin from one address do not lock the real admin out from another address', async () => {
    const { ep, login } = await endpoint();
    await createUser(ep.store, { username: 'admin2', password: 'the-real-password', role: 'admin' });
    for (let i = 0; i < 7; i++) expect([401, 429]).toContain((await login('admin2', `guess-${i}`, '203.0.113.66')).status);
    expect((await login('admin2', 'the-real-password', '10.1.2.3')).status).toBe(200);
  }, 60_000);

  it('after the free tries the same address waits a growing delay, told by Retry-After', async () => {
    const { ep, clock, login } = await endpoint();
    await createUser(ep.store, { username: 'li', password: 'the-real-password', role: 'staff' });
    for (let i = 0; i < 5; i++) expect((await login('li', `guess-${i}`, '203.0.113.66')).status).toBe(401);
    const first = await login('li', 'guess-5', '203.0.113.66');
    expect(first.status).toBe(429);
    const wait1 = Number(first.headers.get('retry-after'));
    clock.now += wait1 * 1000;
    expect((await login('li', 'guess-6', '203.0.113.66')).status).toBe(401);
    const second = await login('li', 'guess-7', '203.0.113.66');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(wait1);
  }, 60_000);

  it('an admin unlocks an account, and the unlock is audited', async () => {
    const { ep, login } = await endpoint();
    await createUser(ep.store, { username: 'zhao', password: 'the-real-password', role: 'staff' });
    for (let i = 0; i < 6; i++) await login('zhao', `guess-${i}`, '203.0.113.66');
    expect((await login('zhao', 'the-real-password', '203.0.113.66')).status).toBe(429);
    const admin = await signIn(ep.app, ep.store, 'admin');
    const r = await ep.app.request('/api/v1/admin/users/unlock', { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ username: 'zhao' }) });
    expect(r.status).toBe(200);
    expect((await login('zhao', 'the-real-password', '203.0.113.66')).status).toBe(200);
    const audit = (await (await ep.app.request('/api/v1/admin/audit?action=login_unlocked', { headers: { cookie: admin.cookie } })).json()) as { entries: unknown[] };
    expect(audit.entries).toHaveLength(1);
  }, 60_000);
});

describe('pairing-code limits', { timeout: 120_000 }, () => {
  it('ten wrong pairing codes behind one address hold the hall\'s tablets back for at most a minute', async () => {
    const { ep, clock } = await endpoint();
    const enrol = (code: string) => ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }, peer('192.0.2.10'));
    for (let i = 0; i < 10; i++) expect((await enrol(`WRNG-${String(i).padStart(4, '0')}`)).status).toBe(401);
    const limited = await enrol('WRNG-9999');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    clock.now += 61_000;
    expect((await enrol('WRNG-9998')).status).toBe(401); // judged again, not refused for fifteen minutes
  });
});
