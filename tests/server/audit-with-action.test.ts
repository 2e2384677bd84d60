/** An action an admin or a tablet takes is kept with its audit line or not at all: a failed audit write keeps neither. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, rows, auditOf } from './testkit';
import type { Store, Unit } from '../../src/server/store';

/** From now on every audit line written inside a unit of work fails, as a full disk or a lost connection would. */
function failAuditWrites(store: Store): void {
  const tx = store.tx.bind(store);
  store.tx = <T>(fn: (t: Unit) => Promise<T>) => tx((t) => fn({ ...t, audit: { ...t.audit, append: () => Promise.reject(new Error('audit write failed')) } }));
}

describe('an action and its audit line', () => {
  it('a kiosk enrolled on an open demo site whose audit line fails is not enrolled, and the tablet is told to try again', async () => {
    const { app, store } = await makeEndpoint();
    failAuditWrites(store);
    const r = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
    expect(r.status).toBe(500);
    expect(await store.kiosks.list()).toEqual([]);
  });

  it('a kiosk revoked whose audit line fails stays paired, and the admin sees the revoke fail', async () => {
    const { app, store } = await makeEndpoint();
    await enrol(app, 'w01');
    const [kiosk] = await store.kiosks.list();
    const admin = await signIn(app, store);
    failAuditWrites(store);
    const r = await app.request(`/api/v1/admin/kiosks/${kiosk!.id}/revoke`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.status).toBe(500);
    expect((await store.kiosks.list()).map((k) => k.revoked_at)).toEqual([null]);
    expect(await auditOf(store, 'kiosk_revoked')).toEqual([]);
  });

  it('a QR secret rotated whose audit line fails keeps the old secret, so the posters on the wall still work', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const before = await rows(store, 'qr_secrets');
    failAuditWrites(store);
    const r = await app.request('/api/v1/qr/rotate', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ siteId: 'demo' }) });
    expect(r.status).toBe(500);
    expect(await rows(store, 'qr_secrets')).toEqual(before);
  });
});
