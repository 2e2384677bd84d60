import { afterEach, describe, expect, it } from 'vitest';
import { alertCaseHook, alertIngestHook, channelOf } from '../../src/server/alerts/raise';
import { casePass, kioskPass } from '../../src/server/alerts/service';
import { buildRequest } from '../../src/server/alerts/channels';
import { alertMail } from '../../src/server/alerts/email';
import { onCaseEvent } from '../../src/server/cases/record';
import { VIEWS } from '../../src/app/dashboard/text';
import { badReview, complaint, kiosk } from './cases-kit';
import { enrol, makeEndpoint, response } from './testkit';

const BASE = 'https://hall.example';
const caseUrl = (number: string) => `${BASE}/dashboard?view=cases&case=${encodeURIComponent(number)}`;
let off: (() => void) | null = null;
afterEach(() => { off?.(); off = null; });

/** The demo hall at 10:00 on a Tuesday, alerts on, with a chat robot of each kind and an e-mail channel. */
async function hall() {
  let clock = Date.parse('2026-11-24T10:00:00+08:00');
  const boot = await makeEndpoint();
  const ep = await makeEndpoint({ now: () => clock, ingestHooks: [alertIngestHook(boot.config, BASE, () => clock)] });
  off = onCaseEvent(alertCaseHook(ep.config, BASE));
  await ep.store.users.create({ username: 'zhang', role: 'supervisor', passwordHash: 'x', sites: ['demo'], staffId: null, createdAt: 0 });
  const channel = (id: string, kind: string, lang: string, recipients: string | null) => ep.store.alertChannels.put({
    id, site_id: 'demo', kind, name: id, url: kind === 'email' ? null : 'http://127.0.0.1:9/unused', secret: kind === 'wecom' ? null : 's',
    recipients, lang, kinds: null, created_at: 0,
  });
  await channel('wecom', 'wecom', 'zh-CN', null);
  await channel('ding', 'dingtalk', 'zh-CN', null);
  await channel('feishu', 'feishu', 'en', null);
  await channel('mail', 'email', 'zh-CN', 'supervisor:office@hall.example');
  const alertOf = async (kind: string) => {
    const found = (await ep.store.alerts.list('all', 50)).filter((a) => a.kind === kind);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  /** Each channel's message for an alert as it goes out: the robot's request body, the mail's subject and text. */
  const sent = async (alertId: string) => {
    const channels = new Map((await ep.store.alertChannels.list('demo')).map((r) => [r.id, channelOf(r)]));
    const out = new Map<string, string>();
    for (const e of (await ep.store.outbox.list('all', 100)).filter((x) => x.id.startsWith(`${alertId}:`))) {
      const ch = channels.get(e.channelId)!;
      if (ch.kind === 'email') {
        const mail = alertMail(e.message.to ?? [], e.message);
        out.set(e.channelId, `${mail.subject}\n${mail.text}`);
      } else {
        out.set(e.channelId, buildRequest(ch, e.message, clock, e.id).body);
      }
    }
    return out;
  };
  return { ep, alertOf, sent, later: (ms: number) => (clock += ms), now: () => clock };
}

describe('an alert opens what it is about', () => {
  it('查看 on a bad review with a phone opens the case that review opened, and every channel names window 01 综合受理 and that case', async () => {
    const { ep, alertOf, sent } = await hall();
    const sync = await kiosk(ep);
    const review = badReview();
    await sync(review);
    const opened = await ep.store.cases.bySource('response', review.id as string);
    expect(opened).not.toBeNull();
    const alert = await alertOf('bad_with_phone');
    expect(alert.link).toBe(caseUrl(opened!.number));

    const out = await sent(alert.id);
    expect([...out.keys()].sort()).toEqual(['ding', 'feishu', 'mail', 'wecom']);
    for (const [id, text] of out) {
      expect(text, id).toContain(opened!.number);
      expect(text, id).toContain(JSON.stringify(alert.link).slice(1, -1));
      expect(text, id).toContain(id === 'feishu' ? 'window 01 General Intake' : '窗口 01 综合受理');
    }
    expect(out.get('mail')).toContain(`窗口 01 综合受理 收到1分差评，群众留下了联系电话，请及时回访（工单 ${opened!.number}）。`);
  });

  it('查看 on a complaint, a case due soon or an overdue case opens that case', async () => {
    const { ep, alertOf, later, now } = await hall();
    const sync = await kiosk(ep);
    await sync(complaint());
    const c = await alertOf('complaint');
    const number = String(JSON.parse(c.facts).case);
    expect(c.link).toBe(caseUrl(number));

    await ep.store.cases.update(number, { next_due_at: now() + 3_600_000 });
    await casePass(ep.store, ep.config, now(), BASE);
    expect((await alertOf('case_due_soon')).link).toBe(caseUrl(number));
    later(2 * 3_600_000);
    await casePass(ep.store, ep.config, now(), BASE);
    expect((await alertOf('case_overdue')).link).toBe(caseUrl(number));
  });

  it("查看 on bad reviews piling up at a window opens that window's recent reasons and comments on the dashboard", async () => {
    const { ep, alertOf } = await hall();
    const sync = await kiosk(ep);
    await sync(response({ score: 2 }), response({ score: 1 }), response({ score: 1 }));
    const link = new URL((await alertOf('bad_streak')).link);
    expect(`${link.origin}${link.pathname}`).toBe(`${BASE}/dashboard`);
    expect(Object.fromEntries(link.searchParams)).toEqual({ view: 'why', site: 'demo', window: 'w01', range: '7d' });
    expect(VIEWS).toContain(link.searchParams.get('view'));
  });

  it('查看 on a kiosk silent in opening hours opens the fleet of kiosks in the administration', async () => {
    const { ep, alertOf, later, now } = await hall();
    const token = await enrol(ep.app, 'w02');
    const hb = await ep.app.request('/api/v1/heartbeat', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ appVersion: '1.0.0', pending: 0, deadLetters: 0, lastSyncAt: now(), storageUsage: 1, storageQuota: 100, clockOffsetMs: 0 }),
    });
    expect(hb.status).toBe(200);
    later(30 * 60_000);
    await kioskPass(ep.store, ep.config, now(), BASE);
    const silent = await alertOf('kiosk_silent');
    expect(silent.link).toBe(`${BASE}/admin/kiosks`);
  });
});
