/**
 * Password checks are the endpoint's most expensive work (scrypt: 128 MiB and a thread of libuv's pool for 0.3–1 s
 * each), and the sign-in form is open to anyone: sign-ins sent together never run more checks at once than
 * `passwordWork` allows, and beyond the few that may wait they are answered at once with a 503 to try again.
 */
import { describe, it, expect, vi } from 'vitest';
import { makeEndpoint } from './testkit';
import { createUser } from '../../src/server/auth/users';
import { PasswordWork, PasswordWorkBusy, passwordWork } from '../../src/server/auth/secrets';

const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

/** A run that ends when `finish()` is called. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((ok) => { finish = ok; });
  return { finish, work: () => done };
}

describe('password checks kept to a few at once', () => {
  it('runs no more than its size at once, hands each freed slot to the longest waiting, and refuses a sign-in beyond the waiting room', async () => {
    const work = new PasswordWork(2, 3);
    const runs = Array.from({ length: 5 }, () => held());
    const order: number[] = [];
    const started = runs.map((r, i) => work.run(async () => { order.push(i); await r.work(); }, true));
    await Promise.resolve();
    expect([work.active, work.waiting, work.full]).toEqual([2, 3, true]);
    await expect(work.run(async () => 'never', true)).rejects.toBeInstanceOf(PasswordWorkBusy);
    const admin = work.run(async () => 'set', false); // an admin setting a password waits its turn instead
    expect(work.waiting).toBe(4);
    runs[1]!.finish();
    await started[1];
    await new Promise((ok) => setImmediate(ok));
    expect(order).toEqual([0, 1, 2]);
    for (const r of runs) r.finish();
    await Promise.all(started);
    expect(await admin).toBe('set');
    expect([work.active, work.waiting, work.peak]).toEqual([0, 0, 2]);
  });

  it('forty sign-ins with made-up usernames sent at once from forty addresses (past every per-address limit): checks run a few at a time, the rest get a 503 to retry, the endpoint keeps answering, and the real user signs in afterwards', async () => {
    const ep = await makeEndpoint();
    await createUser(ep.store, { username: 'zhou', password: 'the-real-password', role: 'supervisor' });
    const login = (username: string, password: string, address = '203.0.113.5') => ep.app.request('/api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    }, peer(address));
    passwordWork.resetPeak();
    const burst = Promise.all(Array.from({ length: 40 }, (_, i) => login(`made-up-${i}`, 'guess', `198.51.100.${i + 1}`)));
    await vi.waitFor(() => expect(passwordWork.waiting).toBeGreaterThan(0), { timeout: 30_000, interval: 5 }); // checks are queued
    expect((await ep.app.request('/api/v1/health')).status).toBe(200);
    const answers = await burst;
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 503)).toEqual([]);
    expect(passwordWork.peak).toBeLessThanOrEqual(passwordWork.size);
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(passwordWork.size + passwordWork.maxWaiting);
    expect(checked).toBeLessThan(40); // the rest were refused unchecked rather than queued
    const refused = answers.find((r) => r.status === 503)!;
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: 'busy', retryAfterSeconds: 5 });
    expect([passwordWork.active, passwordWork.waiting]).toEqual([0, 0]);
    expect((await login('zhou', 'the-real-password')).status).toBe(200);
  }, 120_000);
});
