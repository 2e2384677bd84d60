/** Day and hour bucketing in a site's time zone (IANA name, e.g. Asia/Shanghai). */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  /** YYYY-MM-DD in the site's zone. */
  readonly day: string;
  readonly hour: number;
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The site-local day, hour and weekday of an instant. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    hour: Number(get('hour')),
    weekday: WEEKDAYS[get('weekday')] ?? 0,
  };
}

/** The site-local day (YYYY-MM-DD) of an instant. */
export function siteDay(ms: number, timeZone: string): string {
  return localParts(ms, timeZone).day;
}

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant (ms) at which a site-local calendar day begins, found by stepping from the earliest possible start. */
export function dayStartUtc(day: string, timeZone: string): number {
  let t = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000; // no zone is more than 14 h ahead of UTC
  const step = 15 * 60_000;
  while (siteDay(t, timeZone) < day) t += step;
  return t;
}

/** Adds whole days to a YYYY-MM-DD calendar day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 3700; d = addDays(d, 1)) out.push(d);
  return out;
}

/** True when a string is a real calendar day in YYYY-MM-DD form. */
export function isDay(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  // 2026-13-01 is no date at all (toISOString would throw); 2026-02-30 rolls over and differs.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month a range covers exactly (first to last day), or null. */
export function wholeMonth(from: string, to: string): string | null {
  const month = from.slice(0, 7);
  const r = monthRange(month);
  return r.from === from && r.to === to ? month : null;
}

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

export type RangePreset = 'today' | '7d' | '30d' | 'thisMonth' | 'lastMonth';

/** A dashboard date preset as a day range ending on (or around) `today`, the site-local day. */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today': return { from: today, to: today };
    case '7d': return { from: addDays(today, -6), to: today };
    case '30d': return { from: addDays(today, -29), to: today };
    case 'thisMonth': return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': return monthRange(previousMonth(today.slice(0, 7)));
  }
}
