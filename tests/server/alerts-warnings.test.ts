import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/server/alerts/schedule';
import { alertJobs, storeSchedule } from '../../src/server/alerts/service';
import { seedResponses } from '../../src/server/cli/seed';
import { makeEndpoint } from './testkit';

// The seed makes window w03 slip from fair to poor over the last 45 days up to its end day.
const END = '2026-11-30';
const SEEDED_AT = Date.parse('2026-11-30T10:00:00+08:00');
const bj = (s: string) => Date.parse(`${s}+08:00`);
const BASE = 'https://hall.example';

describe('the daily early warning as a scheduled alert job', () => {
  it('two endpoint processes on one store run it once a night, and a window that slips becomes one alert on the hall channel', async () => {
    let clock = bj('2026-11-01T12:00:00');
    const ep = await makeEndpoint({ now: () => clock });
    await seedResponses(ep.store, ep.config.config, { responses: 30_000, days: 120, end: END, now: SEEDED_AT });
    await ep.store.alertChannels.put({
      id: 'duty', site_id: 'demo', kind: 'webhook', name: '值班群', url: 'http://127.0.0.1:9/unused', secret: null, recipients: null,
      lang: 'zh-CN', kinds: JSON.stringify(['early_warning']), created_at: 0,
    });
    const proc = (holder: string) => new Scheduler(storeSchedule(ep.store), alertJobs(ep.store, ep.config, { baseUrl: BASE, now: () => clock }), holder, () => clock);
    const a = proc('endpoint-a');
    const b = proc('endpoint-b');
    await a.tick(); // first sight: both jobs start from their next occurrence
    await b.tick();

    const ran: string[] = [];
    for (let d = 2; d <= 31; d++) {
      clock = d <= 30 ? bj(`2026-11-${String(d).padStart(2, '0')}T00:31:00`) : bj('2026-12-01T00:31:00');
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      ran.push(...ra, ...rb);
      // A second pass later the same night finds nothing to do.
      clock += 3 * 3_600_000;
      ran.push(...(await b.tick()));
    }
    // Each night: the early warning for that day and the digest of the day before, each in one process only.
    const expected = Array.from({ length: 30 }, (_, i) => i + 2).flatMap((d) => {
      const day = d <= 30 ? `2026-11-${String(d).padStart(2, '0')}` : '2026-12-01';
      return d === 2 ? [`daily:${day}`] : [`daily:${day}`, `daily:${d <= 30 ? `2026-11-${String(d - 1).padStart(2, '0')}` : '2026-11-30'}`];
    });
    expect([...ran].sort()).toEqual(expected.sort());
    expect(await ep.store.alerts.lastRun('early-warning:demo')).toBe('daily:2026-12-01');

    const warnings = (await ep.store.alerts.list('all', 500)).filter((x) => x.kind === 'early_warning');
    expect(new Set(warnings.map((w) => w.key)).size).toBe(warnings.length);
    const w03 = warnings.filter((w) => w.window_id === 'w03');
    expect(w03).toHaveLength(1);
    const facts = JSON.parse(w03[0]!.facts) as Record<string, string>;
    expect(facts).toMatchObject({ subject: 'window' });
    expect(facts.since! <= facts.asOf!).toBe(true);
    expect(Number.parseFloat(facts.recent!)).toBeLessThan(Number.parseFloat(facts.baseline!));

    // Every warning reached the hall's channel through the outbox, once each, in Chinese with a link.
    const queued = (await ep.store.outbox.list('all', 1000)).filter((e) => e.channelId === 'duty');
    expect(queued.map((e) => e.id).sort()).toEqual(warnings.map((w) => `${w.id}:duty`).sort());
    const mine = queued.find((e) => e.id === `${w03[0]!.id}:duty`)!;
    expect(mine.message.title).toContain('满意率预警');
    expect(mine.message.lines[0]).toContain(`自 ${facts.since} 起`);
    // 查看 opens the early warnings of that window on the dashboard, in the bell and in the message alike.
    expect(mine.message.link).toBe(`${BASE}/dashboard?view=insights&tab=warnings&site=demo&window=w03`);
    expect(w03[0]!.link).toBe(mine.message.link);
    expect(mine.message.title).toContain('03 社保医保');
  }, 120_000);
});
