import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { alertIngestHook } from '../../src/server/alerts/raise';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { auditOf, CONFIG_DIR, enrol, makeEndpoint, response, signIn, syncRequest } from './testkit';

async function setup() {
  const config = new ConfigIndex(loadConfig(CONFIG_DIR));
  const e = await makeEndpoint({ ingestHooks: [alertIngestHook(config, 'https://hall.example')] });
  const token = await enrol(e.app);
  await e.app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 1, phone: '13812345678' })] }));
  const admin = await signIn(e.app, e.store, 'admin');
  const call = (who: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) => e.app.request(path, {
    method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { ...e, admin, call };
}

describe('the bell', () => {
  it('lists the hall’s alerts with the unread count; acknowledging with a comment records who and when', async () => {
    const { store, admin, call } = await setup();
    const list = (await (await call(admin, 'GET', '/api/v1/alerts')).json()) as { unread: number; alerts: Array<{ id: string; kind: string; facts: Record<string, unknown> }> };
    expect(list.unread).toBe(1);
    expect(list.alerts[0]!.kind).toBe('bad_with_phone');
    expect(JSON.stringify(list)).not.toContain('13812345678');
    const id = list.alerts[0]!.id;
    const ack = await call(admin, 'POST', `/api/v1/alerts/${id}/ack`, { comment: '已电话回访' });
    expect(ack.status).toBe(200);
    expect(await (await call(admin, 'GET', '/api/v1/alerts/unread')).json()).toEqual({ unread: 0 });
    expect(await store.alerts.get(id)).toMatchObject({ ack_comment: '已电话回访', acked_by: expect.stringMatching(/^admin-/) });
    expect((await auditOf(store, 'alert_ack')).length).toBe(1);
    expect((await call(admin, 'POST', `/api/v1/alerts/${id}/ack`, { comment: 'again' })).status).toBe(409);
  });

  it('bad input names the field; a supervisor of another hall sees nothing and cannot acknowledge', async () => {
    const { app, store, admin, call } = await setup();
    const [alert] = await store.alerts.list('all', 1);
    const bad = await call(admin, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe('comment');
    const other = await signIn(app, store, 'supervisor', ['elsewhere']);
    expect(((await (await call(other, 'GET', '/api/v1/alerts')).json()) as { unread: number }).unread).toBe(0);
    expect((await call(other, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: 'x' })).status).toBe(404);
    const staff = await signIn(app, store, 'staff', ['demo']);
    // Staff see only alerts addressed to them by name; the hall's alerts are not theirs to read or acknowledge.
    expect(((await (await call(staff, 'GET', '/api/v1/alerts')).json()) as { unread: number; alerts: unknown[] })).toEqual({ unread: 0, alerts: [] });
    expect((await call(staff, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: 'x' })).status).toBe(404);
  });
});

describe('alert channels (admin)', () => {
  it('a saved channel never shows its secret; "send a test" shows the receiver’s answer', async () => {
    const server = createServer((req, res) => { req.resume(); req.on('end', () => res.end('{"errcode":0,"errmsg":"ok"}')); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=T`;
    const { admin, call } = await setup();
    const put = await call(admin, 'PUT', '/api/v1/admin/alert-channels/ding', { siteId: 'demo', kind: 'dingtalk', name: '值班群', url, secret: 'SECabc' });
    expect(put.status).toBe(200);
    const list = await (await call(admin, 'GET', '/api/v1/admin/alert-channels')).text();
    expect(list).toContain('"hasSecret":true');
    expect(list).not.toContain('SECabc');
    const test = await (await call(admin, 'POST', '/api/v1/admin/alert-channels/ding/test')).json();
    expect(test).toEqual({ kind: 'delivered', answer: '200 {"errcode":0,"errmsg":"ok"}' });
    expect((await call(admin, 'PUT', '/api/v1/admin/alert-channels/x', { siteId: 'demo', kind: 'wecom', name: 'n', url: 'not a url' })).status).toBe(400);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('the delivery log lists queued messages and a dead letter can be resent', async () => {
    const { store, admin, call } = await setup();
    await store.outbox.enqueue({ id: 'd1', channelId: 'ding', message: { title: 't', lines: [], link: 'l' } }, 1);
    await store.outbox.claim(['d1'], 'd1');
    await store.outbox.settle('d1', { status: 'dead', error: '503 busy', attempts: 9 });
    const dead = (await (await call(admin, 'GET', '/api/v1/admin/alert-deliveries?status=dead')).json()) as { deliveries: Array<{ id: string; lastError: string }> };
    expect(dead.deliveries.map((d) => [d.id, d.lastError])).toEqual([['d1', '503 busy']]);
    expect((await call(admin, 'POST', '/api/v1/admin/alert-deliveries/d1/resend')).status).toBe(200);
    expect((await store.outbox.pending()).map((e) => e.id)).toContain('d1');
    expect((await call(admin, 'GET', '/api/v1/admin/alert-deliveries?status=bogus')).status).toBe(400);
  });
});
