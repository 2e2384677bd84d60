import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { alertIngestHook } from '../../src/server/alerts/raise';
import { makeSender } from '../../src/server/alerts/send';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { auditOf, CONFIG_DIR, enrol, makeEndpoint, response, signIn, syncRequest } from './testkit';

/** `robotOrigin`: where the endpoint sends robots' messages instead of their vendors (ALERT_ROBOT_ORIGIN). */
async function setup(robotOrigin?: string) {
  const config = new ConfigIndex(loadConfig(CONFIG_DIR));
  const e = await makeEndpoint({ ingestHooks: [alertIngestHook(config, 'https://hall.example')], ...(robotOrigin ? { alertSender: makeSender(null, { robotOrigin }) } : {}) });
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

  it('an acknowledgement without a note of what was done is refused naming comment, and the alert stays unread', async () => {
    const { store, admin, call } = await setup();
    const [alert] = await store.alerts.list('all', 1);
    for (const comment of ['', '   ', '好', ' 已 ']) {
      const res = await call(admin, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment });
      expect(res.status, JSON.stringify(comment)).toBe(400);
      expect(((await res.json()) as { field?: string }).field).toBe('comment');
    }
    expect((await call(admin, 'POST', `/api/v1/alerts/${alert!.id}/ack`, {})).status).toBe(400);
    expect(await (await call(admin, 'GET', '/api/v1/alerts/unread')).json()).toEqual({ unread: 1 });
    const ack = await call(admin, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: '  已办  ' });
    expect(ack.status).toBe(200);
    expect(await store.alerts.get(alert!.id)).toMatchObject({ ack_comment: '已办' });
  });

  it('each alert carries its hall\'s time zone, so the bell shows its times on the hall\'s clock', async () => {
    const { admin, call } = await setup();
    const list = (await (await call(admin, 'GET', '/api/v1/alerts')).json()) as { alerts: Array<{ site_id: string; timeZone: string }> };
    expect(list.alerts.map((a) => [a.site_id, a.timeZone])).toEqual([['demo', 'Asia/Shanghai']]);
  });

  it('bad input names the field; a supervisor of another hall sees nothing and cannot acknowledge', async () => {
    const { app, store, admin, call } = await setup();
    const [alert] = await store.alerts.list('all', 1);
    const bad = await call(admin, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe('comment');
    const other = await signIn(app, store, 'supervisor', ['elsewhere']);
    expect(((await (await call(other, 'GET', '/api/v1/alerts')).json()) as { unread: number }).unread).toBe(0);
    expect((await call(other, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: '已回访' })).status).toBe(404);
    const staff = await signIn(app, store, 'staff', ['demo']);
    // Staff see only alerts addressed to them by name; the hall's alerts are not theirs to read or acknowledge.
    expect(((await (await call(staff, 'GET', '/api/v1/alerts')).json()) as { unread: number; alerts: unknown[] })).toEqual({ unread: 0, alerts: [] });
    expect((await call(staff, 'POST', `/api/v1/alerts/${alert!.id}/ack`, { comment: '已回访' })).status).toBe(404);
  });
});

describe('alert channels (admin)', () => {
  it('a saved channel never shows its secret; "send a test" shows the receiver’s answer', async () => {
    const got: string[] = [];
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      got.push(req.url ?? '');
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => { bodies.push(body); res.end('{"errcode":0,"errmsg":"ok"}'); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { admin, call } = await setup(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=T';
    const put = await call(admin, 'PUT', '/api/v1/admin/alert-channels/ding', { siteId: 'demo', kind: 'dingtalk', name: '值班群', url, secret: 'SECabc' });
    expect(put.status).toBe(200);
    const list = await (await call(admin, 'GET', '/api/v1/admin/alert-channels')).text();
    expect(list).toContain('"hasSecret":true');
    expect(list).not.toContain('SECabc');
    const test = await (await call(admin, 'POST', '/api/v1/admin/alert-channels/ding/test')).json();
    expect(test).toEqual({ kind: 'delivered', answer: '200 {"errcode":0,"errmsg":"ok"}' });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^\/robot\/send\?access_token=T&timestamp=\d{13}&sign=/); // the robot's own path and token, signed
    // Its link opens from the group chat: absolute, as real alerts' are (it was /dashboard.html).
    expect(bodies[0]).toMatch(/\(https?:\/\/[^)]+\/dashboard\)/);
    expect((await call(admin, 'PUT', '/api/v1/admin/alert-channels/x', { siteId: 'demo', kind: 'wecom', name: 'n', url: 'not a url' })).status).toBe(400);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('a robot channel saves only with its vendor’s robot webhook, and a generic webhook only over https or to the hall’s own network', async () => {
    const { admin, call } = await setup();
    const put = (kind: string, url: string) => call(admin, 'PUT', '/api/v1/admin/alert-channels/ch', { siteId: 'demo', kind, name: '值班群', url });
    const refused: Array<[string, string]> = [
      ['dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=T'],
      ['dingtalk', 'https://oapi.dingtalk.com.evil.example/robot/send?access_token=T'],
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send'],
      ['dingtalk', 'https://oapi.dingtalk.com:8443/robot/send?access_token=T'],
      ['dingtalk', 'http://127.0.0.1:9000/robot/send?access_token=T'],
      ['dingtalk', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K'],
      ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?access_token=K'],
      ['wecom', 'https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K'],
      ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/'],
      ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/abc/extra'],
      ['feishu', 'https://example.com/open-apis/bot/v2/hook/abc'],
      ['webhook', 'http://hooks.example.com/alerts'],
      ['webhook', 'http://8.8.8.8/alerts'],
      ['webhook', 'ftp://192.168.1.20/alerts'],
    ];
    for (const [kind, url] of refused) {
      const res = await put(kind, url);
      expect(res.status, `${kind} ${url}`).toBe(400);
      expect(((await res.json()) as { field?: string }).field, `${kind} ${url}`).toBe('url');
    }
    const saved: Array<[string, string]> = [
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=69f70a585ddc8020'],
      ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7a0c-4bc4-97a0-0ec2sifa5aaa'],
      ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/0c3e1b2a-7d7f-4a53'],
      ['feishu', 'https://open.larksuite.com/open-apis/bot/v2/hook/0c3e1b2a-7d7f-4a53'],
      ['webhook', 'https://hooks.example.com/alerts'],
      ['webhook', 'http://192.168.1.20:8080/alerts'],
      ['webhook', 'http://10.0.0.5/alerts'],
      ['webhook', 'http://127.0.0.1:9/hook'],
    ];
    for (const [kind, url] of saved) expect((await put(kind, url)).status, `${kind} ${url}`).toBe(200);
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
