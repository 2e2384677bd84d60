/** Hall-local wall-clock times for exports, with the zone offset cached per quarter hour (zones change offset only on those). */
const QUARTER = 15 * 60_000;

/** Converts instants to the hall's wall clock quickly: one Intl call per quarter hour, not per row. */
export class LocalClock {
  private readonly fmt: Intl.DateTimeFormat;
  private bucket = NaN;
  private offset = 0;
  constructor(readonly timeZone: string) {
    this.fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  }

  /** Milliseconds of the hall's wall clock at `ms`, expressed as if it were UTC (what a spreadsheet date cell holds). */
  wall(ms: number): number {
    const b = Math.floor(ms / QUARTER);
    if (b !== this.bucket) {
      const start = b * QUARTER;
      const p: Record<string, number> = {};
      for (const part of this.fmt.formatToParts(new Date(start))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      this.offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - start;
      this.bucket = b;
    }
    return ms + this.offset;
  }
}
