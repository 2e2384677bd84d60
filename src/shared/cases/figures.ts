/** Follow-up figures (回访率, 核实率, 整改率, 按期办结率, overdue, median times) from case facts. Pure. */
import type { CaseFigures } from './wire';

/** The facts of one case that the figures need (instants in ms). */
export interface CaseFact {
  needsCallback: boolean;
  openedAt: number;
  calledBackAt: number | null;
  verifiedAt: number | null;
  founded: boolean | null;
  rectifiedAt: number | null;
  closedAt: number | null;
  dueAt: number;
  /** The call-back deadline, when one is needed. */
  callbackDueAt?: number | null;
}

/** The median of a list, or null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const hours = (ms: number): number => Math.round((ms / 3_600_000) * 10) / 10;

/** Figures of a group of cases at `now`. */
export function caseFigures(key: string, label: string, cases: readonly CaseFact[], now: number): CaseFigures {
  const needCallback = cases.filter((c) => c.needsCallback);
  const calledBack = needCallback.filter((c) => c.calledBackAt !== null);
  const verified = cases.filter((c) => c.verifiedAt !== null);
  const founded = verified.filter((c) => c.founded === true);
  const rectified = founded.filter((c) => c.rectifiedAt !== null);
  const closed = cases.filter((c) => c.closedAt !== null);
  const closedOnTime = closed.filter((c) => c.closedAt! <= c.dueAt);
  // A case still open inside its deadline has not yet been judged on time or late.
  const judged = cases.filter((c) => c.closedAt !== null || now >= c.dueAt);
  // Overdue on whichever deadline is current: 回访 while it is pending, then 办结.
  const current = (c: CaseFact) => (c.needsCallback && c.calledBackAt === null && c.callbackDueAt != null ? c.callbackDueAt : c.dueAt);
  const overdue = cases.filter((c) => c.closedAt === null && now >= current(c));
  const toCallback = median(calledBack.map((c) => c.calledBackAt! - c.openedAt));
  const toClose = median(closed.map((c) => c.closedAt! - c.openedAt));
  return {
    key, label,
    cases: cases.length,
    needCallback: needCallback.length,
    calledBack: calledBack.length,
    callbackRate: rate(calledBack.length, needCallback.length),
    verified: verified.length,
    verifyRate: rate(verified.length, cases.length),
    founded: founded.length,
    rectified: rectified.length,
    rectifyRate: rate(rectified.length, founded.length),
    closed: closed.length,
    closedOnTime: closedOnTime.length,
    onTimeRate: rate(closedOnTime.length, judged.length),
    overdue: overdue.length,
    medianHoursToCallback: toCallback === null ? null : hours(toCallback),
    medianHoursToClose: toClose === null ? null : hours(toClose),
  };
}
