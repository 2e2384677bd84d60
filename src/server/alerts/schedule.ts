import { addDays, dayStartUtc, siteDay } from '../../shared/time';

/** When a report is due: daily at a hall-local time, or monthly on a day of the month. */
export type ScheduleSpec =
  | { readonly every: 'day'; readonly at: string }
  | { readonly every: 'month'; readonly day: number; readonly at: string };

export interface Occurrence {
  /** Stable name of this run, e.g. daily:2026-11-23 or monthly:2026-11; a run is recorded by it. */
  readonly key: string;
  /** The hall-local day the run is for (the digest reports the day before, the monthly the month before). */
  readonly day: string;
  readonly at: number;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The latest scheduled instant at or before `now` in the hall's time zone. */
export function latestOccurrence(spec: ScheduleSpec, now: number, timeZone: string): Occurrence {
  const offset = minutesOf(spec.at) * 60_000;
  if (spec.every === 'day') {
    let day = siteDay(now, timeZone);
    if (dayStartUtc(day, timeZone) + offset > now) day = addDays(day, -1);
    return { key: `daily:${day}`, day, at: dayStartUtc(day, timeZone) + offset };
  }
  const dd = String(spec.day).padStart(2, '0');
  let month = siteDay(now, timeZone).slice(0, 7);
  let at = dayStartUtc(`${month}-${dd}`, timeZone) + offset;
  if (at > now) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    at = dayStartUtc(`${month}-${dd}`, timeZone) + offset;
  }
  return { key: `monthly:${month}`, day: `${month}-${dd}`, at };
}

/** Where runs and leases are kept, so a restart or a second process knows what was sent. */
export interface ScheduleStore {
  /** Takes or renews the named lease for `holder` until now + ttl; false while another holder has it. */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the named lease back, if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  lastRun(job: string): Promise<string | null>;
  recordRun(job: string, key: string): Promise<void>;
}

export interface Job {
  readonly name: string;
  readonly spec: ScheduleSpec;
  readonly timeZone: string;
  /** Queues the report. It must queue under ids derived from `o.key`, so a repeated run queues nothing new. */
  readonly run: (o: Occurrence) => Promise<void>;
}

/**
 * Runs each job once per occurrence. After downtime only the latest missed occurrence runs (catch-up once);
 * a job never seen before starts from the next occurrence. Two processes share the store: the lease lets one run.
 */
export class Scheduler {
  constructor(
    private readonly store: ScheduleStore,
    private readonly jobs: readonly Job[],
    private readonly holder: string,
    private readonly now: () => number,
    private readonly leaseMs = 5 * 60_000,
  ) {}

  async tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      const occ = latestOccurrence(job.spec, this.now(), job.timeZone);
      const last = await this.store.lastRun(job.name);
      if (last === occ.key) continue;
      const lease = `schedule:${job.name}`;
      if (!(await this.store.acquireLease(lease, this.holder, this.now(), this.leaseMs))) continue;
      // Renewed while the job runs (a monthly report on a large store may take minutes), so no other process starts it
      // again; given back once the run is recorded, so the next occurrence starts at once here or in another process
      // (a restarted endpoint is another holder). A process killed mid-run leaves it to be taken over unrenewed.
      const renew = setInterval(() => { this.store.acquireLease(lease, this.holder, this.now(), this.leaseMs).catch(() => {}); }, this.leaseMs / 3);
      renew.unref();
      try {
        if ((await this.store.lastRun(job.name)) === occ.key) continue; // another process finished it meanwhile
        if (last !== null) {
          await job.run(occ);
          ran.push(occ.key);
        }
        await this.store.recordRun(job.name, occ.key);
      } finally {
        clearInterval(renew);
        await this.store.releaseLease(lease, this.holder).catch(() => {});
      }
    }
    return ran;
  }
}

/** In-memory ScheduleStore (tests; one-process deployments without a database do not exist here). */
export class MemoryScheduleStore implements ScheduleStore {
  private readonly leases = new Map<string, { holder: string; until: number }>();
  private readonly runs = new Map<string, string>();
  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const l = this.leases.get(name);
    if (l && l.holder !== holder && l.until > now) return false;
    this.leases.set(name, { holder, until: now + ttlMs });
    return true;
  }
  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
  async lastRun(job: string): Promise<string | null> {
    return this.runs.get(job) ?? null;
  }
  async recordRun(job: string, key: string): Promise<void> {
    this.runs.set(job, key);
  }
}
