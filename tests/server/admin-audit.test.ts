/** The audit log page's filter: days are counted in the time zone the admin's browser names. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, signIn } from './testkit';
import { audit } from '../../src/server/audit';

describe('filtering the audit log by day', { timeout: 120_000 }, () => {
  it('an entry at 00:30 in Shanghai belongs to that Shanghai day, though it is still the day before in UTC', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin');
    await audit(ep.store, 'zhang', 'case.phone_revealed', { case: 'DEMO-1' }, Date.parse('2026-12-06T16:30:00Z'));
    const actions = async (query: string) => {
      const r = await ep.app.request(`/api/v1/admin/audit?action=case.phone_revealed&${query}`, { headers: { cookie: admin.cookie } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { entries: { actor: string }[] }).entries.map((e) => e.actor);
    };
    expect(await actions('from=2026-12-07&to=2026-12-07&tz=Asia/Shanghai')).toEqual(['zhang']);
    expect(await actions('from=2026-12-06&to=2026-12-06&tz=Asia/Shanghai')).toEqual([]);
    expect(await actions('from=2026-12-06&to=2026-12-06')).toEqual(['zhang']); // no zone: UTC days, as before
  });

  it('a time zone that does not exist is refused 400 naming tz', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const r = await ep.app.request('/api/v1/admin/audit?tz=Mars/Olympus', { headers: { cookie: admin.cookie } });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: 'invalid', field: 'tz' });
  });
});
