import { describe, expect, it } from 'vitest';
import { alertIngestHook } from '../../src/server/alerts/raise';
import { casePass, kioskPass } from '../../src/server/alerts/service';
import { badReview, kiosk } from './cases-kit';
import { enrol, makeEndpoint } from './testkit';

const BASE = 'https://hall.example';

async function hall() {
  let clock = Date.parse('2026-11-24T10:00:00+08:00');
  const boot = await makeEndpoint();
  const ep = await makeEndpoint({ now: () => clock, ingestHooks: [alertIngestHook(boot.config, BASE, () => clock)] });
  const user = (username: string, role: 'admin' | 'supervisor' | 'staff', sites: string[]) =>
    ep.store.users.create({ username, role, passwordHash: 'x', sites, staffId: null, createdAt: 0 });
  await user('zhang', 'supervisor', ['demo']);
  await user('root', 'admin', []);
  await user('li', 'staff', ['demo']);
  const channel = (id: string, kind: string, recipients: string | null) => ep.store.alertChannels.put({
    id, site_id: 'demo', kind, name: id, url: kind === 'email' ? null : 'http://127.0.0.1:9/unused', secret: null, recipients, lang: 'zh-CN', kinds: null, created_at: 0,
  });
  await channel('mail', 'email', 'supervisor:office@hall.example, admin:ops@hall.example, @li:li@hall.example');
  await channel('admins', 'wecom', 'admin');
  await channel('duty', 'dingtalk', null);
  const queued = async (kind: string) => {
    const ids = new Set((await ep.store.alerts.list('all', 50)).filter((a) => a.kind === kind).map((a) => a.id));
    return (await ep.store.outbox.list('all', 100)).filter((e) => ids.has(e.id.slice(0, e.id.lastIndexOf(':'))))
      .map((e) => ({ channel: e.channelId, to: e.message.to ?? null })).sort((a, b) => a.channel.localeCompare(b.channel));
  };
  return { ep, queued, later: (ms: number) => (clock += ms), now: () => clock };
}

describe('alerts routed to roles and people', () => {
  it("a bad review with a phone reaches the hall's supervisors, not the admins' group; its overdue case reaches the assignee too", async () => {
    const { ep, queued, later, now } = await hall();
    const sync = await kiosk(ep);
    await sync(badReview());
    expect(await queued('bad_with_phone')).toEqual([{ channel: 'duty', to: null }, { channel: 'mail', to: ['office@hall.example'] }]);

    const { rows: [c] } = await ep.store.cases.list({
      siteIds: ['demo'], state: null, due: null, now: now(), endOfToday: now(), windowId: null, staffId: null, assignee: null,
      appeal: null, mine: null, openedFrom: null, openedTo: null, offset: 0, limit: 1,
    });
    await ep.store.cases.update(c!.number, { assignee: 'li', next_due_at: now() + 60_000 });
    later(120_000);
    await casePass(ep.store, ep.config, now(), BASE);
    expect(await queued('case_overdue')).toEqual([
      { channel: 'duty', to: null }, { channel: 'mail', to: ['office@hall.example', 'li@hall.example'] },
    ]);
  });

  it("a kiosk with dead letters reaches the admins' group and the admins' address only", async () => {
    const { ep, queued, now } = await hall();
    const token = await enrol(ep.app, 'w02');
    const hb = await ep.app.request('/api/v1/heartbeat', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ appVersion: '1.0.0', pending: 0, deadLetters: 2, lastSyncAt: now(), storageUsage: 1, storageQuota: 100, clockOffsetMs: 0 }),
    });
    expect(hb.status).toBe(200);
    await kioskPass(ep.store, ep.config, now(), BASE);
    expect(await queued('kiosk_unhealthy')).toEqual([
      { channel: 'admins', to: null }, { channel: 'duty', to: null }, { channel: 'mail', to: ['ops@hall.example'] },
    ]);
  });
});
