import { describe, it, expect } from 'vitest';
import { makeEndpoint, signIn, rows, pick, auditOf } from './testkit';
import { createUser } from '../../src/server/auth/users';

const json = { 'content-type': 'application/json' };
const login = (username: string, password: string): RequestInit => ({ method: 'POST', headers: json, body: JSON.stringify({ username, password }) });

describe('signing in', { timeout: 120_000 }, () => {
  it('the session cookie is HttpOnly and SameSite=Strict, and Secure when served over HTTPS', async () => {
    const { app, store } = await makeEndpoint();
    await createUser(store, { username: 'chen', password: 'correct-horse', role: 'admin' });
    const plain = await app.request('http://hall.local/api/v1/auth/login', login('chen', 'correct-horse'));
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const tls = await app.request('https://hall.example/api/v1/auth/login', login('chen', 'correct-horse'));
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('after five wrong passwords from one address, that address waits (429 with Retry-After) even with the right password, then signs in', async () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const { app, store } = await makeEndpoint({ now: () => now });
    await createUser(store, { username: 'wang', password: 'right-password', role: 'supervisor' });
    for (let i = 0; i < 5; i++) expect((await app.request('/api/v1/auth/login', login('wang', `guess-${i}`))).status).toBe(401);
    const limited = await app.request('/api/v1/auth/login', login('wang', 'right-password'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toMatch(/too many failed sign-ins from this address; try again in \d+ seconds?/);
    now += Number(limited.headers.get('retry-after')) * 1000;
    expect((await app.request('/api/v1/auth/login', login('wang', 'right-password'))).status).toBe(200);
  });

  it('wrong passwords spread over many accounts from one address slow that address down', async () => {
    const { app } = await makeEndpoint();
    for (let i = 0; i < 20; i++) expect((await app.request('/api/v1/auth/login', login(`user${i}`, 'nope'))).status).toBe(401);
    const r = await app.request('/api/v1/auth/login', login('someone-else', 'nope'));
    expect(r.status).toBe(429);
    expect(((await r.json()) as { message: string }).message).toContain('from this address');
  });

  it('a failed sign-in is written to the audit log with the username tried', async () => {
    const { app, store } = await makeEndpoint();
    await app.request('/api/v1/auth/login', login('nobody', 'x'));
    expect(pick(await auditOf(store, 'login_failed'), 'actor', 'action')).toEqual([{ actor: 'nobody', action: 'login_failed' }]);
  });
});

describe('CSRF', { timeout: 120_000 }, () => {
  it('a sign-in posted by a cross-site form (text/plain, form data, no content type) is refused 415 and opens no session', async () => {
    const { app, store } = await makeEndpoint();
    await createUser(store, { username: 'zhao', password: 'attacker-pass', role: 'staff' });
    const body = JSON.stringify({ username: 'zhao', password: 'attacker-pass' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      const r = await app.request('/api/v1/auth/login', { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
      expect(r.status, String(type)).toBe(415);
      expect(await r.json(), String(type)).toMatchObject({ error: 'unsupported_media_type', field: 'content-type' });
      expect(r.headers.get('set-cookie'), String(type)).toBeNull();
    }
    expect(await auditOf(store, 'login')).toEqual([]);
    const ok = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    expect(ok.status).toBe(200);
  });

  it('a state-changing request with the session cookie but without the CSRF header is refused', async () => {
    const { app, store } = await makeEndpoint();
    const { cookie, csrf } = await signIn(app, store, 'admin');
    const body = JSON.stringify({ username: 'newbie', password: 'long-enough-pw', role: 'staff' });
    const without = await app.request('/api/v1/admin/users', { method: 'POST', headers: { ...json, cookie }, body });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: string }).error).toBe('csrf');
    const wrong = await app.request('/api/v1/admin/users', { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': 'forged' }, body });
    expect(wrong.status).toBe(403);
    expect(await store.users.byName('newbie')).toBeNull();
    const right = await app.request('/api/v1/admin/users', { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrf }, body });
    expect(right.status).toBe(201);
  });

  it('signing out needs the CSRF header too', async () => {
    const { app, store } = await makeEndpoint();
    const { cookie, csrf } = await signIn(app, store, 'staff');
    expect((await app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(403);
    expect((await app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(200);
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('users and roles', { timeout: 120_000 }, () => {
  it('an admin adds a supervisor for a site; a disabled user can no longer sign in and loses their session', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const h = { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const created = await app.request('/api/v1/admin/users', { method: 'POST', headers: h, body: JSON.stringify({ username: 'li.supervisor', password: 'supervisor-pw', role: 'supervisor', sites: ['demo'] }) });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: number; sites: string[] } };
    expect(user.sites).toEqual(['demo']);
    const session = await app.request('/api/v1/auth/login', login('li.supervisor', 'supervisor-pw'));
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    expect((await app.request(`/api/v1/admin/users/${user.id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ disabled: true }) })).status).toBe(200);
    expect((await app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/auth/login', login('li.supervisor', 'supervisor-pw'))).status).toBe(401);
    expect(pick((await rows(store, 'audit')).filter((r) => String(r.action).startsWith('user_')), 'action')).toEqual([{ action: 'user_created' }, { action: 'user_changed' }]);
  });

  it('a site that does not exist is refused naming the field', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const r = await app.request('/api/v1/admin/users', { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ username: 'x1', password: 'long-enough-pw', role: 'supervisor', sites: ['atlantis'] }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'sites' });
  });

  it('the last admin cannot be disabled', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const me = (await (await app.request('/api/v1/auth/me', { headers: { cookie: admin.cookie } })).json()) as { user: { id: number } };
    const r = await app.request(`/api/v1/admin/users/${me.user.id}`, { method: 'PATCH', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ disabled: true }) });
    expect(r.status).toBe(409);
  });

  it('a supervisor and a staff member cannot manage users', async () => {
    const { app, store } = await makeEndpoint();
    for (const role of ['supervisor', 'staff'] as const) {
      const s = await signIn(app, store, role, ['demo']);
      expect((await app.request('/api/v1/admin/users', { headers: { cookie: s.cookie } })).status).toBe(403);
    }
  });
});
