/** What anyone may read of a window's configuration: what the idle screen shows, not the hall's internal settings. */
import { describe, expect, it } from 'vitest';
import { makeEndpoint } from './testkit';

describe('public window configuration', () => {
  it('carries the hall, the window and its staff, but not whom alerts go to, the comment rules or the follow-up calendar', async () => {
    const ep = await makeEndpoint();
    const r = await ep.app.request('/api/v1/config/w01');
    expect(r.status).toBe(200);
    const cfg = (await r.json()) as { site: Record<string, unknown>; window: { id: string }; staff: Array<Record<string, unknown>> };
    expect(cfg.window.id).toBe('w01');
    expect(cfg.site).toMatchObject({ id: 'demo', timeZone: expect.any(String), reasons: expect.any(Array), timers: expect.any(Object), misuse: expect.any(Object) });
    expect(cfg.site).not.toHaveProperty('alerts');
    expect(cfg.site).not.toHaveProperty('insights');
    expect(cfg.site).not.toHaveProperty('followUp');
    expect(cfg.staff.length).toBeGreaterThan(0);
    for (const s of cfg.staff) expect(s).not.toHaveProperty('pinHash');
  });
});
