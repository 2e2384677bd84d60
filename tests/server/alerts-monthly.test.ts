import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/server/alerts/schedule';
import { alertJobs, storeSchedule } from '../../src/server/alerts/service';
import { seedResponses } from '../../src/server/cli/seed';
import { bulletin } from '../../src/server/insights/bulletin';
import { addVeto } from '../../src/server/stats/vetoes';
import { makeEndpoint } from './testkit';

// The seed makes window w03 slip over the last 45 days up to its end day: last in October and in November.
const END = '2026-11-30';
const bj = (s: string) => Date.parse(`${s}+08:00`);

describe('the monthly report sent by alerts', () => {
  it('carries the bulletin of last month: 星级, 一票否决 with its reason, and the window ranked last two months running', async () => {
    let clock = bj('2026-12-01T08:00:00');
    const ep = await makeEndpoint({ now: () => clock });
    await seedResponses(ep.store, ep.config.config, { responses: 30_000, days: 120, end: END, now: bj('2026-11-30T18:00:00') });
    await addVeto(ep.store, { siteId: 'demo', subject: 'window', subjectId: 'w02', month: '2026-11', reason: '推诿扯皮，投诉属实', by: 'chief', at: clock });
    const channel = (id: string, kind: string, lang: string) => ep.store.alertChannels.put({
      id, site_id: 'demo', kind, name: id, url: kind === 'email' ? null : 'http://127.0.0.1:9/unused', secret: null,
      recipients: kind === 'email' ? 'chief@hall.example' : null, lang, kinds: JSON.stringify(['monthly']), created_at: 0,
    });
    await channel('mail', 'email', 'zh-CN');
    await channel('hook', 'webhook', 'en');

    const scheduler = new Scheduler(storeSchedule(ep.store), alertJobs(ep.store, ep.config, { baseUrl: 'https://hall.example', now: () => clock }), 'a', () => clock);
    await scheduler.tick(); // first sight
    clock = bj('2026-12-01T09:00:00');
    expect(await scheduler.tick()).toContain('monthly:2026-12');

    // The same figures the insights bulletin shows for November (its computation, not a second one).
    const site = ep.config.sites.get('demo')!;
    const b = await bulletin(ep.store, ep.config, site, '2026-11', clock);
    expect(b.lastTwice.map((w) => w.id)).toEqual(['w03']);
    const w02 = b.windows.find((w) => w.id === 'w02')!;
    const ranked = b.windows.find((w) => w.veto === null && w.grade.includes('★'))!;

    const queued = await ep.store.outbox.list('all', 10);
    const mail = queued.find((e) => e.channelId === 'mail')!.message;
    expect(mail.title).toBe('【月度通报】示范区政务服务中心 2026-11');
    expect(mail.lines).toContain(`连续两个月排名末位（约谈）: ${b.lastTwice[0]!.label}`);
    expect(mail.lines).toContain(`一票否决: ${w02.label}（推诿扯皮，投诉属实）`);
    expect(mail.lines).toContain(`${ranked.rank}\t${ranked.label}\t${ranked.total}\t${(ranked.satisfaction! * 100).toFixed(1)}%\t${ranked.grade}\t${ranked.rankBefore ?? '—'}`);
    expect(mail.lines.find((l) => l.includes(`\t${w02.label}\t`))).toContain('\t一票否决\t');
    expect(mail.lines.find((l) => l.startsWith('满意率预警: '))).toContain(b.lastTwice[0]!.label);
    expect(mail.html).toContain('<b>一票否决</b>');
    expect(mail.html).toContain(`>${ranked.grade}</td>`);

    const hook = queued.find((e) => e.channelId === 'hook')!.message;
    expect(hook.title).toBe(`[Monthly report] ${b.siteName} 2026-11`);
    expect(hook.lines).toContain(`Ranked last two months running (talk): ${b.lastTwice[0]!.label}`);
    expect(hook.lines).toContain(`Vetoes: ${w02.label} (推诿扯皮，投诉属实)`);
    // The dashboard opens the 通报 of that month from this address (the insights view's bulletin tab).
    expect(hook.link).toBe('https://hall.example/dashboard?view=insights&tab=bulletin&site=demo&month=2026-11');
  }, 120_000);
});
