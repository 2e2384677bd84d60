import { describe, it, expect } from 'vitest';
import { freshStore, rows, CONFIG_DIR } from './testkit';
import { loadConfig } from '../../src/server/config/load';
import { seedResponses } from '../../src/server/cli/seed';

// Tuesday 24 Nov 2026, 10:30 in Beijing.
const NOW = Date.parse('2026-11-24T02:30:00Z');

describe('npm run seed', () => {
  it('fills the days up to now and no further, so a seeded "today" holds only hours that have happened', async () => {
    const store = await freshStore();
    const out = await seedResponses(store, loadConfig(CONFIG_DIR), { responses: 3000, days: 8, end: '2026-11-24', now: NOW, skipRollups: true });
    const seeded = await rows(store, 'responses');
    expect(seeded.length).toBe(out.responses);
    expect(out.responses).toBeGreaterThanOrEqual(2999); // the asked-for number, whole ratings only
    expect(Math.max(...seeded.map((r) => r.counted_at as number))).toBeLessThanOrEqual(NOW);
    const today = seeded.filter((r) => r.day === '2026-11-24');
    expect(today.length).toBeGreaterThan(0); // this morning's ratings are there
    expect(Math.max(...today.map((r) => r.hour as number))).toBe(10); // 10:00–10:30 is the last slot, half filled
    expect(seeded.filter((r) => r.day === '2026-11-23').map((r) => r.hour as number)).toContain(16); // yesterday is whole
  });

  it('seeds a past range in full, the same as before', async () => {
    const store = await freshStore();
    const out = await seedResponses(store, loadConfig(CONFIG_DIR), { responses: 2000, days: 5, end: '2026-11-20', now: NOW, skipRollups: true });
    const seeded = await rows(store, 'responses');
    expect(out.responses).toBeGreaterThanOrEqual(1999);
    expect(new Set(seeded.map((r) => r.day))).toEqual(new Set(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']));
  });

  it('with a second hall in the config, the demo hall is seeded with its own windows and its own staff only', async () => {
    const base = loadConfig(CONFIG_DIR);
    const config = {
      ...base,
      sites: [...base.sites, { ...base.sites[0]!, id: 'east', name: { zh: '东区', en: 'East' } }],
      windows: [...base.windows, { ...base.windows[0]!, id: 'e01', siteId: 'east', staffOnDuty: 's2001' }],
      staff: [...base.staff, { ...base.staff[0]!, id: 's2001', siteId: 'east', staffNumber: '2001' }],
    };
    const store = await freshStore();
    await seedResponses(store, config, { responses: 2000, days: 5, end: '2026-11-20', now: NOW, skipRollups: true });
    const seeded = await rows(store, 'responses');
    expect(new Set(seeded.map((r) => r.site_id))).toEqual(new Set(['demo']));
    expect(seeded.some((r) => r.window_id === 'e01' || r.staff_id === 's2001')).toBe(false);
  });
});
