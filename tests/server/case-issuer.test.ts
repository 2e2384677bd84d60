/** Who may issue a case code (一事一评): a kiosk for its own window, or an admin. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, rows, syncRequest } from './testkit';
import { createIntegrationKey } from '../../src/server/auth/integrations';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;

const issue = (ep: Endpoint, headers: Record<string, string>, body: unknown) =>
  ep.app.request('/api/v1/qr/case', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const adminPost = (ep: Endpoint, admin: { cookie: string; csrf: string }, path: string, body: unknown) =>
  ep.app.request(`http://hall.local${path}`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const auditEntries = async (ep: Endpoint, admin: { cookie: string }, action: string) =>
  ((await (await ep.app.request(`/api/v1/admin/audit?action=${action}`, { headers: { cookie: admin.cookie } })).json()) as { entries: Array<{ actor: string; detail: Record<string, unknown> }> }).entries;

describe('a queue or receipt system issues case codes with its own integration key', () => {
  it('an admin makes a key for one hall; it is shown once, stored only as a hash, and its making is audited', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const made = await adminPost(ep, admin, '/api/v1/admin/integration-keys', { siteId: 'demo', label: '叫号机 1' });
    expect(made.status).toBe(201);
    const { key, id } = (await made.json()) as { key: string; id: number };
    expect(key).toMatch(/^ik_/);
    expect(JSON.stringify(await rows(ep.store, 'integration_keys'))).not.toContain(key);
    const listed = (await (await ep.app.request('/api/v1/admin/integration-keys', { headers: { cookie: admin.cookie } })).json()) as { keys: Array<{ id: number; label: string }> };
    expect(listed.keys).toEqual([expect.objectContaining({ id, label: '叫号机 1', siteId: 'demo', revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await auditEntries(ep, admin, 'integration_key_created'))[0]!.detail).toMatchObject({ id, site: 'demo', label: '叫号机 1' });
  });

  it('the key issues case codes for any window of its hall, and the case remembers the key as its issuer', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const { key, id } = (await (await adminPost(ep, admin, '/api/v1/admin/integration-keys', { siteId: 'demo', label: 'queue' })).json()) as { key: string; id: number };
    const r = await issue(ep, { authorization: `Bearer ${key}` }, { windowId: 'w02', caseNo: 'BJ-2026-001000' });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { windowId: string; token: string }).windowId).toBe('w02');
    expect((await ep.store.qr.caseByNo('BJ-2026-001000'))?.created_by).toBe(`integration:${id}`);
    // A queue system serves several windows: it must name the one.
    const none = await issue(ep, { authorization: `Bearer ${key}` }, { caseNo: 'BJ-2026-001001' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { field: string }).field).toBe('windowId');
  });

  it('a key cannot issue case codes for a window of another hall', async () => {
    const ep = await makeEndpoint();
    // The demo config has one hall; a key of another hall is made as a multi-hall endpoint would.
    const made = await createIntegrationKey(ep.store, 'other-hall', 'queue of another hall', 'admin', Date.now());
    const r = await issue(ep, { authorization: `Bearer ${made.key}` }, { windowId: 'w01', caseNo: 'BJ-2026-001100' });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { field: string }).field).toBe('windowId');
    expect(await ep.store.qr.caseByNo('BJ-2026-001100')).toBeNull();
  });

  it('a revoked key issues nothing more, and its revocation is audited', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const { key, id } = (await (await adminPost(ep, admin, '/api/v1/admin/integration-keys', { siteId: 'demo', label: 'queue' })).json()) as { key: string; id: number };
    expect((await adminPost(ep, admin, `/api/v1/admin/integration-keys/${id}/revoke`, {})).status).toBe(200);
    expect((await adminPost(ep, admin, `/api/v1/admin/integration-keys/${id}/revoke`, {})).status).toBe(404);
    const r = await issue(ep, { authorization: `Bearer ${key}` }, { windowId: 'w01', caseNo: 'BJ-2026-001200' });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: string }).error).toBe('bad_integration_key');
    expect(await auditEntries(ep, admin, 'integration_key_revoked')).toHaveLength(1);
  });

  it('a case the queue system issued keeps it as issuer when a kiosk issues it again, and the second issue is audited', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const { key, id } = (await (await adminPost(ep, admin, '/api/v1/admin/integration-keys', { siteId: 'demo', label: 'queue' })).json()) as { key: string; id: number };
    const kiosk = await enrol(ep.app, 'w01');
    expect((await issue(ep, { authorization: `Bearer ${key}` }, { windowId: 'w01', caseNo: 'BJ-2026-001300' })).status).toBe(200);
    expect((await issue(ep, { authorization: `Bearer ${kiosk}` }, { caseNo: 'BJ-2026-001300' })).status).toBe(200);
    expect((await ep.store.qr.caseByNo('BJ-2026-001300'))?.created_by).toBe(`integration:${id}`);
    const entries = await auditEntries(ep, admin, 'qr_case_reissued');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toMatch(/^kiosk:/);
    expect(entries[0]!.detail).toMatchObject({ caseNo: 'BJ-2026-001300', issuedBy: `integration:${id}` });
  });

  it('a kiosk claiming another window\'s case number is refused and the attempt is audited', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const { key } = (await (await adminPost(ep, admin, '/api/v1/admin/integration-keys', { siteId: 'demo', label: 'queue' })).json()) as { key: string };
    expect((await issue(ep, { authorization: `Bearer ${key}` }, { windowId: 'w02', caseNo: 'BJ-2026-001400' })).status).toBe(200);
    const kiosk = await enrol(ep.app, 'w01');
    const r = await issue(ep, { authorization: `Bearer ${kiosk}` }, { caseNo: 'BJ-2026-001400' });
    expect(r.status).toBe(409);
    expect((await auditEntries(ep, admin, 'qr_case_refused'))[0]!.detail).toMatchObject({ caseNo: 'BJ-2026-001400', windowId: 'w01', belongsTo: 'w02' });
  });
});

describe('case codes are issued by whoever serves the case', () => {
  it('a kiosk cannot issue a case code for another window', async () => {
    const ep = await makeEndpoint();
    const kiosk = await enrol(ep.app, 'w01');
    const r = await issue(ep, { authorization: `Bearer ${kiosk}` }, { windowId: 'w02', caseNo: 'BJ-2026-000777' });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { field: string }).field).toBe('windowId');
    expect((await issue(ep, { authorization: `Bearer ${kiosk}` }, { caseNo: 'BJ-2026-000778' })).status).toBe(200); // its own window
  });

  it('a case issued twice keeps its first issuer, and the second issue is audited', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const kiosk = await enrol(ep.app, 'w01');
    expect((await issue(ep, { authorization: `Bearer ${kiosk}` }, { caseNo: 'BJ-2026-000900' })).status).toBe(200);
    const again = await issue(ep, { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, { windowId: 'w01', caseNo: 'BJ-2026-000900' });
    expect(again.status).toBe(200);
    const audit = (await (await ep.app.request('/api/v1/admin/audit?action=qr_case_reissued', { headers: { cookie: admin.cookie } })).json()) as { entries: Array<{ detail: { caseNo: string; issuedBy: string } }> };
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]!.detail.caseNo).toBe('BJ-2026-000900');
    expect(audit.entries[0]!.detail.issuedBy).toMatch(/^kiosk:/);
  });

  it('online, a phone learns before the form that its case was already rated on another phone', async () => {
    const ep = await makeEndpoint();
    const kiosk = await enrol(ep.app, 'w01');
    const { token } = (await (await issue(ep, { authorization: `Bearer ${kiosk}` }, { caseNo: 'BJ-2026-000950' })).json()) as { token: string };
    const state = async () => ((await (await ep.app.request(`/api/v1/q/case-status?t=${encodeURIComponent(token)}`)).json()) as { state: string }).state;
    expect(await state()).toBe('open');
    const rec = response({ channel: 'qr', token, staffId: null, score: 2, reasons: ['slow'] });
    await ep.app.request('/api/v1/q/sync', syncRequest(null, { deviceId: 'first-phone-0001', records: [rec] }));
    expect(await state()).toBe('rated');
    expect((await ep.app.request('/api/v1/q/case-status?t=forged')).status).toBe(401);
  });
});

describe('moving a kiosk', () => {
  it('a kiosk cannot be moved to a window of another hall', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store, 'admin', ['demo']);
    await enrol(ep.app, 'w01');
    const [k] = await ep.store.kiosks.list();
    await ep.store.kiosks.move(k!.id, 'other-hall', 'x01'); // as if paired in another hall
    const r = await ep.app.request(`/api/v1/admin/kiosks/${k!.id}/move`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ windowId: 'w02' }) });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { field: string }).field).toBe('windowId');
  });
});
