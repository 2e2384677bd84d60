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

describe('scheduled reports with two endpoints on one store whose clocks disagree', () => {
  it('an endpoint whose clock runs ten minutes ahead does not run a report while the other is running it; once that one is gone it runs the next', async () => {
    const store = await freshStore();
    let clock = bj('2026-11-23T08:00:00');
    const runs: string[] = [];
    /** While set, a run waits for it: a long report, still running while the other endpoint ticks. */
    let hold: Promise<void> | null = null;
    const job: Job = { name: 'daily', spec: DAILY, timeZone: TZ, run: async (o) => { runs.push(o.key); await hold; } };
    const a = new Scheduler(storeSchedule(store), [job], 'host-a', () => clock);
    const b = new Scheduler(storeSchedule(store), [job], 'host-b', () => clock + 10 * 60_000);
    await a.tick(); // first sight: the job starts from its next occurrence
    await b.tick();
    let release!: () => void;
    hold = new Promise<void>((ok) => { release = ok; });
    clock = bj('2026-11-23T08:30:00');
    const running = a.tick();
    await expect.poll(() => runs.length).toBe(1);
    for (let i = 0; i < 8; i++) { // b ticks every 30 s, ten minutes ahead, while a's report runs (four minutes, within its lease)
      clock += 30_000;
      expect(await b.tick()).toEqual([]);
    }
    release();
    hold = null;
    expect(await running).toEqual(['daily:2026-11-23']);
    // a is gone: the next morning b runs the report once it has seen a's lease unrenewed for the lease's length
    clock = bj('2026-11-24T08:30:00');
    const ran: string[] = [];
    let waited = 0;
    for (; ran.length === 0 && waited <= 10 * 60_000; waited += 30_000, clock += 30_000) ran.push(...(await b.tick()));
    expect(ran).toEqual(['daily:2026-11-24']);
    expect(waited).toBeGreaterThan(0);
    expect(runs).toEqual(['daily:2026-11-23', 'daily:2026-11-24']);
  });
});
