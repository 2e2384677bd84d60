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

  /**
   * One offset, in whole seconds, that holds from `lo` to `hi` (ms) around [from, to]: read once a day from two
   * days before `from` to three after `to` (null if it changes there), then widened up to a year each way while it
   * holds. Zones change offset at most a few times a year, never twice within a day. (Read every six hours, a year's
   * export spent 22 ms here before its first byte; once a day, 9 ms.)
   */
  steadySpan(from: number, to: number): { offsetSeconds: number; lo: number; hi: number } | null {
    const STEP = 86_400_000, YEAR = 366 * 86_400_000;
    if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return null;
    const at = (t: number) => this.wall(t) - t;
    let lo = Math.max(0, from - 2 * 86_400_000), hi = to + 3 * 86_400_000;
    const offset = at(lo);
    if (offset % 1000 !== 0) return null;
    for (let t = lo; t <= hi; t += STEP) if (at(t) !== offset) return null;
    while (lo > 0 && lo > from - YEAR && at(Math.max(0, lo - STEP)) === offset) lo = Math.max(0, lo - STEP);
    while (hi < to + YEAR && at(hi + STEP) === offset) hi += STEP;
    return { offsetSeconds: offset / 1000, lo, hi: hi + 1 };
  }
}

const DAY = 86_400_000;
/** Instants whose ISO text is `YYYY-MM-DDTHH:mm:ss.sssZ` (years 0000–9999); others go through Date. */
export const MAX_PLAIN = 253_402_300_800_000;

const two = (b: Uint8Array, at: number, x: number) => {
  const t = Math.floor(x / 10);
  b[at] = 48 + t;
  b[at + 1] = 48 + x - t * 10;
};

/**
 * Date and time text of instants written as ASCII bytes into a buffer, for ms in [0, MAX_PLAIN) (the caller checks):
 * the date part kept for the last day seen, the time written from its digits; no string a cell.
 */
export class InstantBytes {
  private day = NaN;
  private readonly date = new Uint8Array(10);

  private putDate(b: Uint8Array, at: number, d: number): number {
    if (d !== this.day) {
      this.day = d;
      const text = new Date(d * DAY).toISOString();
      for (let i = 0; i < 10; i++) this.date[i] = text.charCodeAt(i);
    }
    b.set(this.date, at);
    return at + 10;
  }

  /** Writes `YYYY-MM-DDTHH:mm:ss.sssZ` (24 bytes); returns the position after it. */
  iso(b: Uint8Array, at: number, ms: number): number {
    const d = Math.floor(ms / DAY);
    at = this.putDate(b, at, d);
    let t = ms - d * DAY;
    const milli = t % 1000; t = (t - milli) / 1000;
    const sec = t % 60; t = (t - sec) / 60;
    const min = t % 60;
    b[at] = 0x54; // T
    two(b, at + 1, (t - min) / 60);
    b[at + 3] = 0x3a;
    two(b, at + 4, min);
    b[at + 6] = 0x3a;
    two(b, at + 7, sec);
    b[at + 9] = 0x2e;
    b[at + 10] = 48 + Math.floor(milli / 100);
    two(b, at + 11, milli % 100);
    b[at + 13] = 0x5a; // Z
    return at + 14;
  }

  /** Writes `YYYY-MM-DD HH:mm:ss` (19 bytes) of a wall-clock time held as if it were UTC; returns the position after it. */
  wall(b: Uint8Array, at: number, ms: number): number {
    const d = Math.floor(ms / DAY);
    at = this.putDate(b, at, d);
    let t = Math.floor((ms - d * DAY) / 1000);
    const sec = t % 60; t = (t - sec) / 60;
    const min = t % 60;
    b[at] = 0x20;
    two(b, at + 1, (t - min) / 60);
    b[at + 3] = 0x3a;
    two(b, at + 4, min);
    b[at + 6] = 0x3a;
    two(b, at + 7, sec);
    return at + 9;
  }
}

/**
 * Date and time text of instants, as `Date#toISOString` writes them, at a fraction of its cost: `InstantBytes`'s
 * bytes as a string where it can write them, `Date` for any other time.
 */
export class InstantText {
  private readonly bytes = new InstantBytes();
  private readonly scratch = Buffer.alloc(24);

  /** `YYYY-MM-DDTHH:mm:ss.sssZ`, exactly what `new Date(ms).toISOString()` gives. */
  iso(ms: number): string {
    if (!(ms >= 0 && ms < MAX_PLAIN) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    return this.scratch.toString('latin1', 0, this.bytes.iso(this.scratch, 0, ms));
  }

  /** `YYYY-MM-DD HH:mm:ss` of a wall-clock time held as if it were UTC (LocalClock#wall); '' when not a time. */
  wall(ms: number): string {
    if (!Number.isFinite(ms)) return '';
    if (!(ms >= 0 && ms < MAX_PLAIN)) { const iso = new Date(ms).toISOString(); return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`; }
    return this.scratch.toString('latin1', 0, this.bytes.wall(this.scratch, 0, ms));
  }
}

/** Digit at `i` of `s`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Parses device times as `Date.parse` does, quickly for the form devices send (`YYYY-MM-DDTHH:mm:ss.sssZ`,
 * the date part remembered for the last day seen); any other text goes to `Date.parse`.
 */
export class InstantParser {
  private date = '';
  private dayMs = NaN;

  parse(s: string): number {
    if (s.length !== 24 || s.charCodeAt(23) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) return Date.parse(s);
    if (!s.startsWith(this.date) || this.date === '') {
      const dayMs = Date.parse(s.slice(0, 10));
      if (!Number.isFinite(dayMs)) return Date.parse(s);
      this.date = s.slice(0, 10);
      this.dayMs = dayMs;
    }
    const h1 = digit(s, 11), h2 = digit(s, 12), m1 = digit(s, 14), m2 = digit(s, 15), s1 = digit(s, 17), s2 = digit(s, 18);
    const f1 = digit(s, 20), f2 = digit(s, 21), f3 = digit(s, 22);
    if ((h1 | h2 | m1 | m2 | s1 | s2 | f1 | f2 | f3) < 0) return Date.parse(s);
    const h = h1 * 10 + h2, m = m1 * 10 + m2, sec = s1 * 10 + s2;
    if (h > 23 || m > 59 || sec > 59) return Date.parse(s);
    return this.dayMs + ((h * 60 + m) * 60 + sec) * 1000 + f1 * 100 + f2 * 10 + f3;
  }
}
