import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../src/server/alerts/outbox';
import { latestOccurrence, MemoryScheduleStore, Scheduler, type Job } from '../../src/server/alerts/schedule';

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
