/** Turns the store's day rows into counts per subject and daily series. */
import type { LevelCounts } from '../../shared/metrics';
import type { DayCount } from '../../shared/insights/warning';
import type { ReasonCountRow, ScoreCountRow } from '../store/insights';

export type SubjectKind = 'window' | 'staff';

const keyOf = (kind: SubjectKind, r: { windowId: string; staffId: string }) => (kind === 'window' ? r.windowId : r.staffId);

/** Counts per level for each window or staff member; rows without a staff member are left out of staff. */
export function countsBy(rows: readonly ScoreCountRow[], kind: SubjectKind): Map<string, LevelCounts> {
  const out = new Map<string, [number, number, number, number, number]>();
  for (const r of rows) {
    const id = keyOf(kind, r);
    if (id === '') continue;
    const c = out.get(id) ?? [0, 0, 0, 0, 0];
    c[r.score - 1]! += r.n;
    out.set(id, c);
  }
  return out;
}

/** All the rows' counts together. */
export function totalCounts(rows: readonly ScoreCountRow[]): LevelCounts {
  const c: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const r of rows) c[r.score - 1]! += r.n;
  return c;
}

/** Ratings ≥ 4 and all ratings of level counts. */
export function satisfiedOf(c: LevelCounts): { k: number; n: number } {
  return { k: c[3] + c[4], n: c[0] + c[1] + c[2] + c[3] + c[4] };
}

/** Daily series (ratings, satisfied, reasons) of each window or staff member. */
export function seriesBy(rows: readonly ScoreCountRow[], reasons: readonly ReasonCountRow[], kind: SubjectKind): Map<string, DayCount[]> {
  const days = new Map<string, Map<string, { day: string; n: number; satisfied: number; reasons: Record<string, number> }>>();
  const at = (id: string, day: string) => {
    const m = days.get(id) ?? new Map();
    days.set(id, m);
    const d = m.get(day) ?? { day, n: 0, satisfied: 0, reasons: {} };
    m.set(day, d);
    return d;
  };
  for (const r of rows) {
    const id = keyOf(kind, r);
    if (id === '') continue;
    const d = at(id, r.day);
    d.n += r.n;
    if (r.score >= 4) d.satisfied += r.n;
  }
  for (const r of reasons) {
    const id = keyOf(kind, r);
    if (id === '') continue;
    const d = at(id, r.day);
    d.reasons[r.reason] = (d.reasons[r.reason] ?? 0) + r.n;
  }
  return new Map([...days].map(([id, m]) => [id, [...m.values()].sort((a, b) => a.day.localeCompare(b.day))]));
}
