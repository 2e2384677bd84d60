/** Users and roles at the endpoint: the halls a user sees and the staff member they are must hold together. */
import { describe, it, expect } from 'vitest';
import { createApp } from '../../src/server/app';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { parseTrustProxy } from '../../src/server/http/client';
import { listUsers } from '../../src/server/auth/users';
import { CONFIG_DIR, freshStore, signIn } from './testkit';

/** The demo configuration plus a second hall, `east`, with one staff member, s2001. */
async function twoHalls() {
  const demo = loadConfig(CONFIG_DIR);
  const site = demo.sites[0]!;
  const config = new ConfigIndex({
    sites: [...demo.sites, { ...site, id: 'east', name: { zh: '东区政务服务中心', en: 'East Centre' } }],
    windows: demo.windows,
    staff: [...demo.staff, { ...demo.staff[0]!, id: 's2001', siteId: 'east', name: '赵东', staffNumber: '2001' }],
  });
  const store = await freshStore();
  const app = createApp({ store, config, now: Date.now, version: 'test', production: false, deploy: { trustProxy: parseTrustProxy(undefined) } });
  const admin = await signIn(app, store, 'admin');
  const send = async (method: 'POST' | 'PATCH', path: string, body: unknown) => {
    const r = await app.request(`/api/v1/admin/users${path}`, { method, headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as { field?: string; error?: string; user?: { id: number } } };
  };
  return { store, app, send };
}

const user = (username: string, more: Record<string, unknown>) => ({ username, password: 'long-enough-pw', ...more });

describe('the halls and staff link of a user', { timeout: 120_000 }, () => {
  it('a supervisor with no hall is refused 400 naming sites, when added and when a hall-less user is made supervisor', async () => {
    const { send, store } = await twoHalls();
    expect(await send('POST', '', user('sup.nohall', { role: 'supervisor', sites: [] }))).toMatchObject({ status: 400, body: { error: 'invalid', field: 'sites' } });
    const staff = await send('POST', '', user('plain.staff', { role: 'staff' }));
    expect(staff.status).toBe(201);
    expect(await send('PATCH', `/${staff.body.user!.id}`, { role: 'supervisor' })).toMatchObject({ status: 400, body: { field: 'sites' } });
    expect((await listUsers(store)).map((u) => [u.username, u.role])).toEqual(expect.not.arrayContaining([['sup.nohall', 'supervisor'], ['plain.staff', 'supervisor']]));
  });

  it('a staff user of hall east cannot be linked to a staff member of demo (400 naming staffId); their own hall\'s member is accepted', async () => {
    const { send } = await twoHalls();
    expect(await send('POST', '', user('east.staff', { role: 'staff', sites: ['east'], staffId: 's1001' }))).toMatchObject({ status: 400, body: { error: 'invalid', field: 'staffId' } });
    expect(await send('POST', '', user('east.staff', { role: 'staff', sites: ['east'], staffId: 's9999' }))).toMatchObject({ status: 400, body: { field: 'staffId' } });
    expect((await send('POST', '', user('east.staff', { role: 'staff', sites: ['east'], staffId: 's2001' }))).status).toBe(201);
  });

  it('an admin moves an existing user to other halls; dropping the hall of their staff link is refused naming staffId', async () => {
    const { send, store } = await twoHalls();
    const made = await send('POST', '', user('wang.li', { role: 'staff', sites: ['demo'], staffId: 's1001' }));
    const id = made.body.user!.id;
    expect(await send('PATCH', `/${id}`, { sites: ['east'] })).toMatchObject({ status: 400, body: { field: 'staffId' } });
    expect((await send('PATCH', `/${id}`, { sites: ['east'], staffId: 's2001' })).status).toBe(200);
    expect((await send('PATCH', `/${id}`, { sites: ['demo', 'east'], staffId: null })).status).toBe(200);
    expect((await listUsers(store)).find((u) => u.id === id)).toMatchObject({ sites: ['demo', 'east'], staffId: null });
  });

  it('an old account that breaks the rule can still have its password reset', async () => {
    const { send, store } = await twoHalls();
    const id = await store.users.create({ username: 'old.sup', role: 'supervisor', passwordHash: 'x', sites: [], staffId: null, createdAt: 0 });
    expect((await send('PATCH', `/${id}`, { password: 'a-new-long-password' })).status).toBe(200);
  });
});
