/** A NUL character in any text a request carries is refused naming the field: PostgreSQL text cannot hold one, and a 500 is no answer. */
import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, enrol, signIn } from './testkit';

let ep: Awaited<ReturnType<typeof makeEndpoint>>;
let admin: { cookie: string; csrf: string };
let device: string;

beforeAll(async () => {
  ep = await makeEndpoint();
  admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
  device = await enrol(ep.app, 'w01');
});

type Who = 'anyone' | 'admin' | 'kiosk';

async function expectNamed(who: Who, method: string, url: string, body: unknown, field: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who === 'admin') Object.assign(headers, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
  if (who === 'kiosk') headers.authorization = `Bearer ${device}`;
  const res = await ep.app.request(`http://hall.local${url}`, { method, headers, body: JSON.stringify(body) });
  const what = `${method} ${url} ${field}`;
  expect(res.status, what).toBe(400);
  expect(((await res.json()) as { field?: string }).field, what).toBe(field);
}

const NUL = 'a\u0000b';
const beat = { appVersion: '1.0', pending: 0, deadLetters: 0, lastSyncAt: null, storageUsage: null, storageQuota: null, clockOffsetMs: null };
const newUser = { username: 'new-user', password: 'long-enough-pw', role: 'staff' };
const channel = { siteId: 'demo', kind: 'webhook', name: 'Hall hook', url: 'https://hooks.example/x' };

describe('a NUL character in request text', () => {
  it('in a sign-in is refused naming username or password, not answered 500', async () => {
    await expectNamed('anyone', 'POST', '/api/v1/auth/login', { username: 'admin\u0000', password: 'xxxxxxxxxxxx' }, 'username');
    await expectNamed('anyone', 'POST', '/api/v1/auth/login', { username: 'admin', password: NUL }, 'password');
  });

  it('in a case step, a promotion or a veto lift is refused naming the field', async () => {
    await expectNamed('admin', 'POST', '/api/v1/cases/C-1/steps', { action: 'comment', note: NUL }, 'note');
    await expectNamed('admin', 'POST', '/api/v1/cases/C-1/steps', { action: 'assign', assignee: 'x\u0000y' }, 'assignee');
    await expectNamed('admin', 'POST', '/api/v1/cases/C-1/steps', { action: 'close', note: NUL }, 'note');
    await expectNamed('admin', 'POST', '/api/v1/cases', { kind: 'response', id: NUL }, 'id');
    await expectNamed('admin', 'POST', '/api/v1/vetoes/1/lift', { reason: NUL }, 'reason');
  });

  it('in a display token, an integration key, a user or a kiosk pairing is refused naming the field', async () => {
    await expectNamed('admin', 'POST', '/api/v1/display-tokens', { siteId: 'demo', label: NUL }, 'label');
    await expectNamed('admin', 'POST', '/api/v1/display-tokens', { siteId: NUL, label: 'Lobby' }, 'siteId');
    await expectNamed('admin', 'POST', '/api/v1/admin/integration-keys', { siteId: 'demo', label: NUL }, 'label');
    await expectNamed('admin', 'POST', '/api/v1/admin/users', { ...newUser, password: `long-enough${NUL}` }, 'password');
    await expectNamed('admin', 'POST', '/api/v1/admin/users', { ...newUser, sites: [NUL] }, 'sites.0');
    await expectNamed('admin', 'POST', '/api/v1/admin/users', { ...newUser, staffId: NUL }, 'staffId');
    await expectNamed('admin', 'PATCH', '/api/v1/admin/users/1', { password: `long-enough${NUL}` }, 'password');
    await expectNamed('admin', 'POST', '/api/v1/admin/users/unlock', { username: NUL }, 'username');
    await expectNamed('admin', 'POST', '/api/v1/admin/kiosks/pairing-codes', { windowId: 'w01', name: NUL }, 'name');
    await expectNamed('admin', 'POST', '/api/v1/admin/kiosks/pairing-codes', { windowId: NUL }, 'windowId');
    await expectNamed('admin', 'POST', '/api/v1/admin/kiosks/k1/move', { windowId: NUL }, 'windowId');
  });

  it('in an alert channel, an acknowledgement or a comment correction is refused naming the field', async () => {
    await expectNamed('admin', 'PUT', '/api/v1/admin/alert-channels/hook1', { ...channel, name: NUL }, 'name');
    await expectNamed('admin', 'PUT', '/api/v1/admin/alert-channels/hook1', { ...channel, url: `https://hooks.example/${NUL}` }, 'url');
    await expectNamed('admin', 'PUT', '/api/v1/admin/alert-channels/hook1', { ...channel, secret: NUL }, 'secret');
    await expectNamed('admin', 'PUT', '/api/v1/admin/alert-channels/hook1', { ...channel, recipients: NUL }, 'recipients');
    await expectNamed('admin', 'POST', '/api/v1/alerts/a1/ack', { comment: NUL }, 'comment');
    await expectNamed('admin', 'POST', '/api/v1/insights/corrections', { site: 'demo', commentId: NUL, categories: [] }, 'commentId');
  });

  it('in a QR code request, a kiosk enrolment, a heartbeat or a staff sign-in is refused naming the field', async () => {
    await expectNamed('admin', 'POST', '/api/v1/qr/case', { windowId: NUL, caseNo: 'C-1' }, 'windowId');
    await expectNamed('admin', 'POST', '/api/v1/qr/rotate', { siteId: NUL }, 'siteId');
    await expectNamed('anyone', 'POST', '/api/v1/enrol', { code: NUL }, 'code');
    await expectNamed('anyone', 'POST', '/api/v1/enrol', { windowId: 'w01', deviceId: NUL }, 'deviceId');
    await expectNamed('kiosk', 'POST', '/api/v1/heartbeat', { ...beat, appVersion: NUL }, 'appVersion');
    await expectNamed('kiosk', 'POST', '/api/v1/heartbeat', { ...beat, lastSaveError: NUL }, 'lastSaveError');
    await expectNamed('kiosk', 'POST', '/api/v1/heartbeat', { ...beat, deadLetterReasons: [{ id: 'x', reason: NUL }] }, 'deadLetterReasons.0.reason');
    await expectNamed('kiosk', 'POST', '/api/v1/staff/sign-in', { staffNumber: '1001', pin: NUL }, 'pin');
  });

  it('is not needed for ordinary text: the same requests without it are answered', async () => {
    const res = await ep.app.request('http://hall.local/api/v1/display-tokens', {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ siteId: 'demo', label: '大厅大屏' }),
    });
    expect(res.status).toBe(200);
    const ok = await ep.app.request('http://hall.local/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'xxxxxxxxxxxx' }) });
    expect(ok.status).toBe(401);
  });
});
