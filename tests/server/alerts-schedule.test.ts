import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../src/server/alerts/outbox';
import { latestOccurrence, MemoryScheduleStore, Scheduler, type Job } from '../../src/server/alerts/schedule';
import { storeSchedule } from '../../src/server/alerts/service';
import { freshStore } from './testkit';

const TZ = 'Asia/Shanghai';
/** Beijing wall-clock time as an instant. */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const DAILY = { every: 'day', at: '08:30' } as const;
const MONTHLY = { every: 'month', day: 1, at: '09:00' } as const;

describe('schedule times', () => {
  it('the daily digest is due at 08:30 hall time, not UTC', () => {
    expect(latestOccurrence(DAILY, bj('2026-11-23T08:29:59'), TZ).key).toBe('daily:2026-11-22');
    expect(latestOccurrence(DAILY, bj('2026-11-23T08:30:00'), TZ)).toEqual({ key: 'daily:2026-11-23', day: '2026-11-23', at: bj('2026-11-23T08:30:00') });
  });

  it('the monthly report is due on the 1st at 09:00, and before that the previous one is the latest', () => {
    expect(latestOccurrence(MONTHLY, bj('2026-12-01T09:00:00'), TZ).key).toBe('monthly:2026-12');
    expect(latestOccurrence(MONTHLY, bj('2026-12-01T08:59:00'), TZ).key).toBe('monthly:2026-11');
    expect(latestOccurrence(MONTHLY, bj('2026-01-01T08:00:00'), TZ).key).toBe('monthly:2025-12');
  });
});

function rig(start: string) {
  let clock = bj(start);
  const store = new MemoryScheduleStore();
  const outbox = new MemoryOutbox();
  let crashAfterQueueing = false;
  const job: Job = {
    name: 'daily', spec: DAILY, timeZone: TZ,
    run: async (o) => {
      await outbox.enqueue({ id: `digest:${o.key}:mail`, channelId: 'mail', message: { title: o.key, lines: [], link: '' } }, clock);
      if (crashAfterQueueing) { crashAfterQueueing = false; throw new Error('process killed before the run was recorded'); }
    },
  };
  const proc = (holder: string) => new Scheduler(store, [job], holder, () => clock);
  const sent = async () => (await outbox.list('all', 100)).map((e) => e.message.title);
  return { proc, sent, set: (s: string) => (clock = bj(s)), crashNextRun: () => (crashAfterQueueing = true) };
}

describe('scheduler', () => {
  it('sends the digest once at 08:30, however often it is asked', async () => {
    const { proc, sent, set } = rig('2026-11-23T07:00:00');
    const a = proc('a');
    await a.tick(); // first sight: starts from the next occurrence
    set('2026-11-23T08:29:00'); await a.tick();
    expect(await sent()).toEqual([]);
    for (const t of ['08:30:00', '08:31:00', '12:00:00', '23:59:00']) { set(`2026-11-23T${t}`); await a.tick(); }
    expect(await sent()).toEqual(['daily:2026-11-23']);
  });

  it('after three days down, it catches up once, not once per missed day', async () => {
    const { proc, sent, set } = rig('2026-11-20T07:00:00');
    await proc('a').tick();
    set('2026-11-23T15:00:00');
    const restarted = proc('a2');
    await restarted.tick(); await restarted.tick();
    expect(await sent()).toEqual(['daily:2026-11-23']);
  });

  it('a restart after the run does not send again', async () => {
    const { proc, sent, set } = rig('2026-11-23T07:00:00');
    await proc('a').tick();
    set('2026-11-23T08:30:00'); await proc('a').tick();
    await proc('b-after-restart').tick();
    expect(await sent()).toEqual(['daily:2026-11-23']);
  });

  it('two processes on one store: only the lease holder sends', async () => {
    const { proc, sent, set } = rig('2026-11-23T07:00:00');
    const a = proc('a');
    const b = proc('b');
    await a.tick(); await b.tick();
    set('2026-11-23T08:30:00');
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect([...ra, ...rb]).toEqual(['daily:2026-11-23']);
    expect(await sent()).toEqual(['daily:2026-11-23']);
  });

  it('a run interrupted before it was recorded queues nothing new when repeated', async () => {
    const { proc, sent, set, crashNextRun } = rig('2026-11-23T07:00:00');
    await proc('a').tick();
    set('2026-11-23T08:30:00');
    crashNextRun();
    await expect(proc('a').tick()).rejects.toThrow('killed');
    await proc('a-restarted').tick();
    expect(await sent()).toEqual(['daily:2026-11-23']);
  });
});

describe('scheduled reports with two endpoints on one store', () => {
  /** Two endpoints' schedulers on one store, b's clock `skew` ms off a's; the first run of the job waits for `hold`. */
  async function pair(skew: number) {
    const store = await freshStore();
    const t = { now: bj('2026-11-23T08:00:00') };
    const runs: string[] = [];
    let release!: () => void;
    const hold = new Promise<void>((ok) => { release = ok; });
    const job: Job = { name: 'daily', spec: DAILY, timeZone: TZ, run: async (o) => { runs.push(o.key); if (runs.length === 1) await hold; } };
    const a = new Scheduler(storeSchedule(store), [job], 'host-a', () => t.now);
    const b = new Scheduler(storeSchedule(store), [job], 'host-b', () => t.now + skew);
    await a.tick(); // first sight: the job starts from its next occurrence
    await b.tick();
    return { store, t, runs, release, a, b };
  }

  it('an endpoint whose clock runs ten minutes ahead does not start a report the other is running, and runs the next one at once', async () => {
    const { t, runs, release, a, b } = await pair(10 * 60_000);
    t.now = bj('2026-11-23T08:30:00');
    const running = a.tick(); // a long report
    await expect.poll(() => runs.length).toBe(1);
    for (let i = 0; i < 8; i++) { // b ticks every 30 s, ten minutes ahead, while a's report runs (within its lease)
      t.now += 30_000;
      expect(await b.tick()).toEqual([]);
    }
    release();
    expect(await running).toEqual(['daily:2026-11-23']);
    t.now = bj('2026-11-24T08:30:00'); // a gave its lease back when it recorded the run
    expect(await b.tick()).toEqual(['daily:2026-11-24']);
    expect(runs).toEqual(['daily:2026-11-23', 'daily:2026-11-24']);
  });

  it('a report whose endpoint was killed running it is run by the other once its lease has gone unrenewed for five minutes', async () => {
    const { t, runs, b, a } = await pair(0);
    t.now = bj('2026-11-23T08:30:00');
    void a.tick(); // killed mid-report: it never records the run, renews nothing and gives nothing back
    await expect.poll(() => runs.length).toBe(1);
    const from = t.now;
    let ran: string[] = [];
    while (ran.length === 0) {
      t.now += 30_000;
      ran = await b.tick();
      expect(t.now - from, 'b never took the report over').toBeLessThan(10 * 60_000);
    }
    expect(t.now - from).toBeGreaterThanOrEqual(5 * 60_000);
    expect(ran).toEqual(['daily:2026-11-23']);
  });
});
