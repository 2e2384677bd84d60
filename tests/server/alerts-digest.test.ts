import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/server/alerts/schedule';
import { alertJobs, storeSchedule } from '../../src/server/alerts/service';
import { complaint, kiosk } from './cases-kit';
import { makeEndpoint } from './testkit';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const H = 3_600_000;

describe('the daily digest counts the cases', () => {
  it("shows today's due and overdue open cases from the case list, leaving out later and closed ones", async () => {
    let clock = bj('2026-11-24T07:00:00');
    const ep = await makeEndpoint({ now: () => clock });
    const sync = await kiosk(ep);
    for (let i = 0; i < 5; i++) await sync(complaint({ deviceTime: new Date(clock).toISOString() }));
    const { rows } = await ep.store.cases.list({
      siteIds: ['demo'], state: null, due: null, now: clock, endOfToday: clock, windowId: null, staffId: null, assignee: null,
      appeal: null, mine: null, openedFrom: null, openedTo: null, offset: 0, limit: 10,
    });
    expect(rows).toHaveLength(5);
    const at0830 = bj('2026-11-24T08:30:00');
    const [overdue, dueToday, dueTonight, dueTomorrow, closed] = rows.map((r) => r.number) as [string, string, string, string, string];
    await ep.store.cases.update(overdue, { next_due_at: at0830 - 2 * H });
    await ep.store.cases.update(dueToday, { next_due_at: at0830 + 3 * H });
    await ep.store.cases.update(dueTonight, { next_due_at: bj('2026-11-24T23:59:00') });
    await ep.store.cases.update(dueTomorrow, { next_due_at: bj('2026-11-25T09:00:00') });
    await ep.store.cases.update(closed, { state: 'closed', next_due_at: at0830 - 5 * H, closed_at: at0830 - 5 * H });

    await ep.store.alertChannels.put({
      id: 'mail', site_id: 'demo', kind: 'email', name: '科长邮箱', url: null, secret: null, recipients: 'chief@hall.example',
      lang: 'zh-CN', kinds: JSON.stringify(['digest']), created_at: 0,
    });
    const scheduler = new Scheduler(storeSchedule(ep.store), alertJobs(ep.store, ep.config, { baseUrl: 'https://hall.example', now: () => clock }), 'a', () => clock);
    await scheduler.tick(); // first sight
    clock = at0830;
    expect(await scheduler.tick()).toEqual(['daily:2026-11-24']);

    const [mail] = (await ep.store.outbox.list('all', 10)).filter((e) => e.channelId === 'mail');
    expect(mail!.message.title).toBe('【每日简报】示范区政务服务中心 2026-11-23');
    expect(mail!.message.lines).toContain('今日到期工单: 2');
    expect(mail!.message.lines).toContain('已超期工单: 1');
    expect(mail!.message.html).toContain('今日到期工单: 2<br>已超期工单: 1');
  });
});
