import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn } from './testkit';
import { fleet, isOpen } from '../../src/server/auth/fleet';
import type { KioskListing } from '../../src/server/auth/kiosks';
import type { Site } from '../../src/shared/config';

const MIN = 60_000;
// Tuesday 24 Nov 2026, 10:00 in Beijing (02:00 UTC): the demo hall is open (Mon–Fri 09:00–17:00).
const OPEN = Date.parse('2026-11-24T02:00:00Z');
// Tuesday 24 Nov 2026, 20:00 in Beijing: closed.
const CLOSED = Date.parse('2026-11-24T12:00:00Z');

const kiosk = (id: string, windowId: string, lastSeenAt: number | null, over: Partial<KioskListing> = {}): KioskListing => ({
  id, siteId: 'demo', windowId, createdAt: 0, revokedAt: null, lastSeenAt, lastSeq: null, heartbeat: null, name: null, ...over,
});

describe('the kiosk fleet', () => {
  it('opening hours follow the site time zone and weekdays', async () => {
    const { config } = await makeEndpoint();
    const demo = config.sites.get('demo')!;
    expect(isOpen(demo, OPEN)).toBe(true);
    expect(isOpen(demo, CLOSED)).toBe(false);
    expect(isOpen(demo, Date.parse('2026-11-28T02:00:00Z'))).toBe(false); // Saturday
    expect(isOpen({ ...demo, openingHours: { days: [6], open: '08:30', close: '12:00' } } as Site, Date.parse('2026-11-28T00:30:00Z'))).toBe(true);
  });

  it('a kiosk silent for 30 minutes during opening hours is stale and listed first; out of hours it is not', async () => {
    const { config } = await makeEndpoint();
    const kiosks = [kiosk('a', 'w01', OPEN - 5 * MIN), kiosk('b', 'w04', OPEN - 31 * MIN), kiosk('c', 'w02', null), kiosk('d', 'w03', OPEN, { revokedAt: OPEN })];
    const number = (id: string) => config.windows.get(id)!.number;
    expect(fleet(kiosks, config.sites, number, OPEN).map((k) => [k.id, k.state])).toEqual([['c', 'stale'], ['b', 'stale'], ['a', 'ok'], ['d', 'revoked']]);
    expect(fleet(kiosks, config.sites, number, CLOSED).map((k) => k.state)).toEqual(['closed', 'closed', 'closed', 'revoked']);
  });

  it('the fleet view shows each kiosk with the figures of its latest heartbeat', async () => {
    const { app, store } = await makeEndpoint({ now: () => OPEN });
    const token = await enrol(app, 'w02');
    const hb = await app.request('/api/v1/heartbeat', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ appVersion: '1.2.3', pending: 4, deadLetters: 1, lastSyncAt: OPEN - MIN, storageUsage: 2_000_000, storageQuota: 500_000_000, clockOffsetMs: -1500 }),
    });
    expect(hb.status).toBe(200);
    await enrol(app, 'w05'); // enrolled, never heard from since
    const admin = await signIn(app, store, 'admin');
    const body = (await (await app.request('/api/v1/admin/kiosks', { headers: { cookie: admin.cookie } })).json()) as { kiosks: Record<string, unknown>[] };
    expect(body.kiosks).toHaveLength(2);
    expect(body.kiosks[1]).toMatchObject({
      windowId: 'w02', windowNumber: '02', state: 'ok', appVersion: '1.2.3', pending: 4, deadLetters: 1,
      storageUsage: 2_000_000, storageQuota: 500_000_000, clockOffsetMs: -1500, lastSyncAt: new Date(OPEN - MIN).toISOString(),
    });
    expect(body.kiosks[0]).toMatchObject({ windowId: 'w05', state: 'stale', appVersion: null });
  });

  it('an admin sees why a kiosk\'s records were refused, grouped, the tablet named from its browser\'s User-Agent, and a kiosk that cannot save', async () => {
    const { app, store } = await makeEndpoint({ now: () => OPEN });
    const token = await enrol(app, 'w03');
    const letter = (id: string, more: Record<string, string>) => ({ id, reason: 'unknown window "w99"', ...more });
    const hb = await app.request('/api/v1/heartbeat', {
      method: 'POST',
      headers: {
        'content-type': 'application/json', authorization: `Bearer ${token}`,
        'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-X200 Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.230 Safari/537.36',
      },
      body: JSON.stringify({
        appVersion: '1.2.3', pending: 0, deadLetters: 4, lastSyncAt: OPEN - MIN, storageUsage: 1, storageQuota: 2, clockOffsetMs: 0,
        lastSaveError: 'QuotaExceededError: the quota has been exceeded',
        deadLetterReasons: [
          letter('r1', { code: 'unknown_window', field: 'windowId' }), letter('r2', { code: 'unknown_window', field: 'windowId' }),
          { id: 'r3', reason: 'invalid score: a phone may change its rating within 30 minutes of sending it', code: 'rating_change_too_late', field: 'score' },
          { id: 'r4', reason: 'kept by an older kiosk, without its code' },
        ],
      }),
    });
    expect(hb.status).toBe(200);
    const admin = await signIn(app, store, 'admin');
    const body = (await (await app.request('/api/v1/admin/kiosks', { headers: { cookie: admin.cookie } })).json()) as { kiosks: Record<string, unknown>[] };
    expect(body.kiosks.find((k) => k.windowId === 'w03')).toMatchObject({
      model: 'SM-X200', browser: 'Chrome 120', lastSaveError: 'QuotaExceededError: the quota has been exceeded',
      refusals: [
        { code: 'unknown_window', field: 'windowId', reason: 'unknown window "w99"', n: 2 },
        { code: 'rating_change_too_late', field: 'score', reason: expect.stringMatching(/^invalid score/), n: 1 },
        { code: null, field: null, reason: 'kept by an older kiosk, without its code', n: 1 },
      ],
    });
  });
});
