/** A kiosk's health report is bounded, and one kiosk's odd report never takes the fleet view down. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn } from './testkit';
import { fleet } from '../../src/server/auth/fleet';
import type { KioskListing } from '../../src/server/auth/kiosks';

const beat = { appVersion: '1.0', pending: 0, deadLetters: 0, lastSyncAt: Date.now(), storageUsage: 1000, storageQuota: 10_000, clockOffsetMs: 0 };

describe('heartbeat bounds', () => {
  it('a heartbeat with lastSyncAt 1e300 is refused naming the field, and the fleet view keeps answering', async () => {
    const ep = await makeEndpoint();
    const token = await enrol(ep.app, 'w01');
    const send = (body: unknown) => ep.app.request('/api/v1/heartbeat', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await send({ ...beat, lastSyncAt: 1e300 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('lastSyncAt');
    expect((await send(beat)).status).toBe(200);
    const { cookie } = await signIn(ep.app, ep.store, 'admin');
    const fleetView = await ep.app.request('/api/v1/admin/kiosks', { headers: { cookie } });
    expect(fleetView.status).toBe(200);
    const { kiosks } = (await fleetView.json()) as { kiosks: Array<{ lastSyncAt: string | null; storageQuota: number | null }> };
    expect(kiosks[0]!.lastSyncAt).toBe(new Date(beat.lastSyncAt).toISOString());
  });

  it('a report stored before the bounds existed (1e300, text, an array) shows as unknown, and the other kiosks still show', () => {
    const row = (id: string, heartbeat: unknown): KioskListing => ({
      id, siteId: 'demo', windowId: 'w01', createdAt: 0, revokedAt: null, lastSeenAt: 0, lastSeq: null, heartbeat: heartbeat as Record<string, unknown>,
    });
    const rows = fleet([
      row('odd', { lastSyncAt: 1e300, pending: 'lots', storageUsage: -Infinity, appVersion: 'x'.repeat(5000) }),
      row('list', ['not', 'a', 'report']),
      row('fine', { ...beat, lastSyncAt: Date.parse('2026-11-23T02:00:00Z') }),
    ], new Map(), (id) => id, Date.parse('2026-11-23T03:00:00Z'));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('odd')).toMatchObject({ lastSyncAt: null, pending: null, storageUsage: null });
    expect(byId.get('odd')!.appVersion!.length).toBeLessThanOrEqual(200);
    expect(byId.get('list')).toMatchObject({ lastSyncAt: null, pending: null });
    expect(byId.get('fine')!.lastSyncAt).toBe('2026-11-23T02:00:00.000Z');
  });
});
