/**
 * Working days of a hall: weekends, public holidays and make-up working days (调休), and
 * deadlines counted in them. Pure: no clock, no storage; instants are ms since the epoch.
 */
import { addDays, localParts } from '../time';

/** A hall's calendar as kiosk-config lists it (days are site-local YYYY-MM-DD). */
export interface WorkCalendar {
  /** ISO weekdays that are not worked unless listed in `workdays` (1 = Monday … 7 = Sunday). */
  readonly weekend: readonly number[];
  /** Days off that would otherwise be working days (法定节假日 and the days moved next to them). */
  readonly holidays: readonly string[];
  /** Weekend days that are worked (调休上班). */
  readonly workdays: readonly string[];
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True when the hall works on `day`: a make-up day always, a holiday never, otherwise by weekday. */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  return !cal.weekend.includes(isoWeekday(day));
}

/** The `n`-th working day after `day` (`day` itself is never counted: 受理之日不计入). */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar): string {
  let d = day;
  // A calendar that never works would loop forever; a year of days off is a broken config.
  for (let left = n, guard = 0; left > 0; guard++) {
    if (guard > 366 + n * 7) throw new Error(`calendar has no working day within a year after ${day}`);
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days from the day after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** The instant a site-local day begins (local midnight), in ms; exact across offset changes. */
export function startOfLocalDay(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let guess = utcMidnight;
  // Two rounds settle on the zone's offset at that midnight (one more than a DST change needs).
  for (let i = 0; i < 3; i++) {
    const offset = localOffsetMs(guess, timeZone);
    const next = utcMidnight - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

// One formatter per zone: making one costs far more than formatting with it (every case opened computes deadlines).
const minuteFormats = new Map<string, Intl.DateTimeFormat>();
const minuteFormat = (timeZone: string) => {
  let f = minuteFormats.get(timeZone);
  if (!f) minuteFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, minute: '2-digit', second: '2-digit' })));
  return f;
};

function localOffsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const f = minuteFormat(timeZone).formatToParts(new Date(ms));
  const minute = Number(f.find((x) => x.type === 'minute')?.value ?? 0);
  const second = Number(f.find((x) => x.type === 'second')?.value ?? 0);
  const asUtc = Date.parse(`${p.day}T00:00:00Z`) + p.hour * 3_600_000 + minute * 60_000 + second * 1000;
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The deadline of something received at `receivedAt`: the end of the `n`-th working day after its site-local day. */
export function deadlineAfter(receivedAt: number, n: number, cal: WorkCalendar, timeZone: string): { day: string; at: number } {
  const day = addWorkingDays(localParts(receivedAt, timeZone).day, n, cal);
  return { day, at: startOfLocalDay(addDays(day, 1), timeZone) };
}

export type DueState = 'overdue' | 'due_today' | 'due_later' | 'done';

/** How a deadline stands at `now`: overdue once passed, due today on its site-local day. */
export function dueState(dueAt: number, now: number, timeZone: string, doneAt: number | null = null): DueState {
  if (doneAt !== null) return 'done';
  if (now >= dueAt) return 'overdue';
  // dueAt is the midnight that ends the due day, so the due day is the local day just before it.
  return localParts(dueAt - 1, timeZone).day === localParts(now, timeZone).day ? 'due_today' : 'due_later';
}

/** A hall's opening hours on its working days, site-local `HH:MM`. */
export interface OpeningHours { readonly open: string; readonly close: string }

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Working time between two instants: the part of [from, to) inside opening hours on working days, in ms.
 * Counting stops once it passes `cap` (a caller asking "within 4 working hours?" need not walk to a far deadline).
 */
export function workingMsBetween(from: number, to: number, cal: WorkCalendar, timeZone: string, hours: OpeningHours, cap = Infinity): number {
  let total = 0;
  for (let day = localParts(from, timeZone).day; total <= cap; day = addDays(day, 1)) {
    const midnight = startOfLocalDay(day, timeZone);
    if (midnight >= to) break;
    if (!isWorkingDay(day, cal)) continue;
    const a = Math.max(from, midnight + minutesOf(hours.open) * 60_000);
    const b = Math.min(to, midnight + minutesOf(hours.close) * 60_000);
    if (b > a) total += b - a;
  }
  return total;
}
