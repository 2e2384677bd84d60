/** Who may issue a case code (一事一评): a kiosk for its own window, or an admin. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, syncRequest } from './testkit';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;

const issue = (ep: Endpoint, headers: Record<string, string>, body: unknown) =>
  ep.app.request('/api/v1/qr/case', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });


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
