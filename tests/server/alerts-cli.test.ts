/**
 * `npm run alerts -- digest|overdue [--site <id>] [--deliver]`, run in process on a scratch store: the endpoint's own
 * passes, raised once however often they run, whoever runs them.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/server/cli/alerts';
import { Scheduler } from '../../src/server/alerts/schedule';
import { alertJobs, casePass, deliveryLease, storeSchedule } from '../../src/server/alerts/service';
import type { Sender } from '../../src/server/alerts/send';
import type { ChannelRow } from '../../src/server/store';
import { complaint, kiosk, type Endpoint } from './cases-kit';
import { makeEndpoint } from './testkit';

const BASE = 'https://hall.example';
const bj = (s: string) => Date.parse(`${s}+08:00`);
const DAY = 24 * 3_600_000;

const digestRobot: ChannelRow = {
  id: 'robot', site_id: 'demo', kind: 'webhook', name: '值班群', url: 'http://127.0.0.1:9/hook', secret: null, recipients: null,
  lang: 'zh-CN', kinds: JSON.stringify(['digest']), created_at: 0,
};

/** A sender that records each message it is given and answers delivered. */
function recordingSender(): { sender: Sender; sent: string[] } {
  const sent: string[] = [];
  return { sent, sender: async (ch, m) => { sent.push(`${ch.id} ${m.title}`); return { kind: 'delivered', answer: 'ok' }; } };
}

/**
 * Runs the command as `npm run alerts -- …argv` would, starting at `now`; what it printed and its exit code. Its waits
 * move its clock on, and `meanwhile` runs in each (what other processes do while it waits).
 */
async function alerts(ep: Endpoint, argv: string[], now: number, sender: Sender = recordingSender().sender, meanwhile?: (now: number) => Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  let opened = false;
  let clock = now;
  const code = await main(argv, {
    config: ep.config, store: async () => { opened = true; return ep.store; }, now: () => clock, baseUrl: BASE,
    sender: () => sender, out: (l) => out.push(l), err: (l) => err.push(l),
    wait: async (ms) => { clock += ms; await meanwhile?.(clock); },
  });
  return { code, out, err, opened };
}

/** A hall with one open complaint case; the time when it is long past its deadline. */
async function hallWithOverdueCase(): Promise<{ ep: Endpoint; late: number; number: string }> {
  const ep = await makeEndpoint();
  await (await kiosk(ep))(complaint());
  const [row] = (await ep.store.cases.list({
    siteIds: ['demo'], state: 'open', due: null, now: Date.now(), endOfToday: Date.now(), windowId: null, staffId: null, assignee: null,
    appeal: null, mine: null, openedFrom: null, openedTo: null, offset: 0, limit: 1,
  })).rows;
  return { ep, late: Date.now() + 60 * DAY, number: row!.number };
}

const overdueAlerts = async (ep: Endpoint) => (await ep.store.alerts.list('all', 50)).filter((a) => a.kind === 'case_overdue');

describe('npm run alerts -- overdue', () => {
  it('raises the alert of a case past its deadline, one line naming it, and says the running endpoint delivers it', async () => {
    const { ep, late, number } = await hallWithOverdueCase();
    const r = await alerts(ep, ['overdue'], late);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      `raised case_overdue:${number}:due in demo, ${ep.config.windows.get('w01')!.number} ${ep.config.windows.get('w01')!.name.en}: Case ${number} is past its closing deadline.`,
      expect.stringMatching(/^delivery: left to the running endpoint/),
    ]);
    expect((await overdueAlerts(ep)).map((a) => a.key)).toEqual([`case_overdue:${number}:due`]);
  });

  it('run a second time, it raises nothing new and says so', async () => {
    const { ep, late } = await hallWithOverdueCase();
    await alerts(ep, ['overdue'], late);
    const again = await alerts(ep, ['overdue'], late + 60_000);
    expect(again.code).toBe(0);
    expect(again.out).toEqual([expect.stringMatching(/^no case alert to raise in demo/)]);
    expect(await overdueAlerts(ep)).toHaveLength(1);
  });

  it('alongside the endpoint, neither raises what the other has raised', async () => {
    const { ep, late } = await hallWithOverdueCase();
    await casePass(ep.store, ep.config, late, BASE); // the endpoint's minute timer
    expect((await alerts(ep, ['overdue', '--site', 'demo'], late + 1_000)).out.filter((l) => l.startsWith('raised'))).toEqual([]);
    expect(await casePass(ep.store, ep.config, late + 2_000, BASE)).toEqual([]);
    expect(await overdueAlerts(ep)).toHaveLength(1);
  });
});

describe('npm run alerts -- digest', () => {
  it("queues the hall's latest digest once for each channel that takes it; a second run and the endpoint's scheduler queue nothing new", async () => {
    const ep = await makeEndpoint();
    await ep.store.alertChannels.put(digestRobot);
    const at = bj('2026-11-24T09:00:00'); // after the demo hall's 08:30 digest
    const first = await alerts(ep, ['digest'], at);
    expect(first.code).toBe(0);
    expect(first.out[0]).toBe('daily digest of demo, 2026-11-24 08:30 (ratings of 2026-11-23) to 值班群 (webhook): queued');
    const again = await alerts(ep, ['digest'], at + 60_000);
    expect(again.out).toEqual(['daily digest of demo, 2026-11-24 08:30 (ratings of 2026-11-23) to 值班群 (webhook): queued already by an earlier run; nothing new']);

    // The endpoint's scheduler: it first sees the job the day before, then runs the same occurrence after the command.
    let clock = bj('2026-11-23T12:00:00');
    const scheduler = new Scheduler(storeSchedule(ep.store), alertJobs(ep.store, ep.config, { baseUrl: BASE, now: () => clock }), 'endpoint', () => clock);
    await scheduler.tick();
    clock = at + 120_000;
    expect(await scheduler.tick()).toContain('daily:2026-11-24');
    const queued = (await ep.store.outbox.list('all', 50)).filter((e) => e.channelId === 'robot');
    expect(queued.map((e) => e.id)).toEqual(['demo:daily:2026-11-24:robot']);
    expect(queued[0]!.message.title).toContain('2026-11-23');
  });

  it('before the day\'s digest time it is the previous digest, which the endpoint queued already: nothing new', async () => {
    const ep = await makeEndpoint();
    await ep.store.alertChannels.put(digestRobot);
    let clock = bj('2026-11-22T12:00:00');
    const scheduler = new Scheduler(storeSchedule(ep.store), alertJobs(ep.store, ep.config, { baseUrl: BASE, now: () => clock }), 'endpoint', () => clock);
    await scheduler.tick();
    clock = bj('2026-11-23T08:31:00');
    await scheduler.tick();
    const early = await alerts(ep, ['digest'], bj('2026-11-24T07:00:00'));
    expect(early.out).toEqual([expect.stringMatching(/2026-11-23 08:30 \(ratings of 2026-11-22\) to 值班群 \(webhook\): queued already/)]);
  });

  it('a hall with no channel taking the digest is told so, and nothing is queued', async () => {
    const ep = await makeEndpoint();
    const r = await alerts(ep, ['digest'], bj('2026-11-24T09:00:00'));
    expect(r.out).toEqual([expect.stringMatching(/no alert channel of this hall takes the digest; nothing queued$/)]);
    expect(await ep.store.outbox.list('all', 10)).toEqual([]);
  });
});

describe('npm run alerts -- … --deliver', () => {
  it('sends what it queued in one delivery pass, as the endpoint would; a second run sends nothing', async () => {
    const ep = await makeEndpoint();
    await ep.store.alertChannels.put(digestRobot);
    const { sender, sent } = recordingSender();
    const r = await alerts(ep, ['digest', '--deliver'], bj('2026-11-24T09:00:00'), sender);
    expect(r.out.at(-1)).toBe('delivery: 1 sent, 0 to retry (the endpoint retries them), 0 failed for good (the admin page\'s dead letters)');
    expect(sent).toEqual(['robot 【每日简报】示范区政务服务中心 2026-11-23']);
    expect((await ep.store.outbox.list('all', 10)).map((e) => e.status)).toEqual(['sent']);
    await alerts(ep, ['digest', '--deliver'], bj('2026-11-24T09:05:00'), sender);
    expect(sent).toHaveLength(1);
  });

  it('leaves delivery to a running endpoint that keeps renewing its lease, and sends nothing itself', async () => {
    const ep = await makeEndpoint();
    await ep.store.alertChannels.put(digestRobot);
    let endpointClock = bj('2026-11-24T09:00:00');
    const endpoint = deliveryLease(ep.store, 'hall-server:4242@8080', () => endpointClock);
    expect(await endpoint.acquire()).toBe(true); // the endpoint delivering
    const { sender, sent } = recordingSender();
    const r = await alerts(ep, ['digest', '--deliver'], bj('2026-11-24T09:00:00'), sender, async (now) => {
      endpointClock = now;
      expect(await endpoint.acquire()).toBe(true); // renewed every pass, as a running endpoint renews it
    });
    expect(r.out.at(-2)).toBe('delivery: hall-server:4242@8080 holds delivery; watching it for up to 22 s in case it stopped without giving it back');
    expect(r.out.at(-1)).toMatch(/^delivery: hall-server:4242@8080 keeps renewing it, so an endpoint is running/);
    expect(sent).toEqual([]);
    expect((await ep.store.outbox.list('all', 10)).map((e) => e.status)).toEqual(['pending']);
  });

  it('after an endpoint was killed holding delivery, takes it over once it has gone unrenewed for the lease\'s length and sends', async () => {
    const ep = await makeEndpoint();
    await ep.store.alertChannels.put(digestRobot);
    const killedAt = bj('2026-11-24T08:30:00');
    expect(await deliveryLease(ep.store, 'hall-server:4242@8080', () => killedAt).acquire()).toBe(true); // then killed: never renewed or given back
    const { sender, sent } = recordingSender();
    const r = await alerts(ep, ['digest', '--deliver'], bj('2026-11-24T09:00:00'), sender);
    expect(r.out.at(-1)).toBe('delivery: 1 sent, 0 to retry (the endpoint retries them), 0 failed for good (the admin page\'s dead letters)');
    expect(sent).toEqual(['robot 【每日简报】示范区政务服务中心 2026-11-23']);
    expect(await ep.store.leases.read('alert-delivery')).toBeNull(); // given back: an endpoint started now delivers at its first pass
  });
});

describe('npm run alerts with bad arguments', () => {
  for (const argv of [[], ['nope'], ['digest', 'overdue'], ['digest', '--site'], ['overdue', '--site', 'nowhere'], ['digest', '--now']]) {
    it(`"${argv.join(' ')}" is refused in one line, exit code 2, before the store is opened`, async () => {
      const ep = await makeEndpoint();
      const r = await alerts(ep, argv, Date.now());
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^alerts: /);
      expect(r.out).toEqual([]);
      expect(r.opened).toBe(false);
    });
  }
});
