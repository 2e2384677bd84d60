import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, response, signIn, syncRequest, rows } from './testkit';
import type { DisplayFigures } from '../../src/server/stats/types';

const NOW = Date.parse('2026-11-20T04:00:00Z'); // 12:00 in Shanghai

async function setUp() {
  const ep = await makeEndpoint({ now: () => NOW });
  const kiosk = await enrol(ep.app, 'w01');
  await ep.app.request('/api/v1/sync', syncRequest(kiosk, { records: [
    response({ score: 1, reasons: ['attitude'], comment: '态度很差，电话联系我', phone: '13912345678', deviceTime: '2026-11-20T02:00:00Z' }),
    response({ score: 5, comment: '非常好', deviceTime: '2026-11-20T02:30:00Z' }),
    response({ score: 4, deviceTime: '2026-11-03T02:30:00Z' }),
  ] }));
  const admin = await signIn(ep.app, ep.store, 'admin');
  const create = (siteId = 'demo') => ep.app.request('/api/v1/display-tokens', {
    method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ siteId, label: '大厅大屏' }),
  });
  return { ...ep, admin, create };
}

const show = (app: Awaited<Awaited<ReturnType<typeof makeEndpoint>>>['app'], token: string | null, site = 'demo') =>
  app.request(`/api/v1/display/${site}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('public display', () => {
  it('a display token shows the hall figures and no personal data', async () => {
    const { app, create } = await setUp();
    const made = (await (await create()).json()) as { token: string; url: string };
    expect(made.url).toBe(`/display/demo#token=${made.token}`);
    const res = await show(app, made.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as DisplayFigures;
    expect(body.today).toEqual({ total: 2, satisfaction: 0.5 });
    expect(body.thisMonth).toEqual({ total: 3, satisfaction: 2 / 3 });
    expect(body.windows.find((w) => w.number === '01')?.today.total).toBe(2);
    const text = JSON.stringify(body);
    for (const personal of ['13912345678', '139****5678', '态度很差', '非常好', '王丽', 's1001', 'attitude', 'phone', 'comment']) {
      expect(text).not.toContain(personal);
    }
  });

  it('the display answers nothing without a token, with a revoked one, or for another hall', async () => {
    const { app, create, admin } = await setUp();
    expect((await show(app, null)).status).toBe(401);
    expect((await show(app, 'made-up')).status).toBe(401);
    const made = (await (await create()).json()) as { id: number; token: string };
    expect((await show(app, made.token, 'elsewhere')).status).toBe(401);
    const revoke = await app.request(`/api/v1/display-tokens/${made.id}/revoke`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(revoke.status).toBe(200);
    expect((await show(app, made.token)).status).toBe(401);
  });

  it('only an admin makes display tokens, and the token is stored only as a hash', async () => {
    const { app, store, create } = await setUp();
    const sup = await signIn(app, store, 'supervisor', ['demo']);
    const denied = await app.request('/api/v1/display-tokens', {
      method: 'POST', headers: { cookie: sup.cookie, 'x-csrf-token': sup.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ siteId: 'demo', label: 'x' }),
    });
    expect(denied.status).toBe(403);
    const { token } = (await (await create()).json()) as { token: string };
    expect(JSON.stringify(await rows(store, 'display_tokens'))).not.toContain(token);
    expect((await create('nowhere')).status).toBe(400);
  });
});
