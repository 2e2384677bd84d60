/**
 * A lease that says one process is alive and doing a job (alert delivery, a scheduled report) for all the processes on
 * one store: held while its holder renews it, taken over once the holder stopped.
 */
import type { HeldLease, LeaseStore } from '../store';

/**
 * Wall time at the process's start moved on by its monotonic clock: a step of the system clock (NTP) does not move it.
 * Whole milliseconds, as the stores keep a lease's expiry (PostgreSQL: bigint, which refuses a fraction).
 */
export const steadyClock = (): number => Math.floor(performance.timeOrigin + performance.now());

/**
 * Whether the holder stopped is told by this process's own clock alone: the lease as stored must stay exactly as it
 * is (same holder, same expiry) for the lease's length while this process watches it, and the takeover is a
 * compare-and-set on what was watched. Comparing the stored expiry, written in the holder's clock, with this
 * process's clock let a host whose clock ran more than a lease ahead take a live lease, and a message went out twice.
 * A process taking the lease of one that died waits the lease's length from when it first saw it, its own
 * restart included; a process that stops releases it, and the next pass of another takes it at once.
 */
export class LivenessLease {
  private watched: { lease: HeldLease; since: number } | null = null;

  constructor(
    private readonly leases: LeaseStore,
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly clock: () => number = steadyClock,
  ) {}

  /** Takes or renews the lease (at `now` of the process's clock, its own by default); false while another process holds it. */
  async acquire(now = this.clock()): Promise<boolean> {
    const held = await this.leases.read(this.name);
    if (held !== null && held.holder !== this.holder) {
      const w = this.watched;
      if (!w || w.lease.holder !== held.holder || w.lease.expiresAt !== held.expiresAt) {
        this.watched = { lease: held, since: now }; // renewed, or another holder: watch it from now
        return false;
      }
      if (now - w.since < this.ttlMs) return false;
    }
    this.watched = null;
    if (await this.leases.claim(this.name, held, this.holder, now + this.ttlMs)) return true;
    // Renewed by this process's other timer meanwhile: still ours. Taken by another process first: not.
    return held !== null && held.holder === this.holder && (await this.leases.read(this.name))?.holder === this.holder;
  }

  release(): Promise<void> {
    return this.leases.release(this.name, this.holder);
  }
}
