/**
 * Roll-up changes of one batch, summed per key: each engine writes one upsert per key instead of one
 * trigger call per row. A row counts +1 where it lands and −1 where an update moved it from.
 */
import type { ResponseRow } from './rows';

export interface DailyDelta { site_id: string; day: string; window_id: string; staff_id: string; score: number; suspect: number; n: number }
export interface HourlyDelta { site_id: string; day: string; window_id: string; staff_id: string; hour: number; weekday: number; suspect: number; n: number; bad: number }
export interface ReasonDelta { site_id: string; day: string; window_id: string; staff_id: string; reason: string; suspect: number; n: number }

export interface RollupDeltas { daily: DailyDelta[]; hourly: HourlyDelta[]; reasons: ReasonDelta[] }

type RollupFields = Pick<ResponseRow, 'site_id' | 'day' | 'window_id' | 'staff_id' | 'score' | 'suspect' | 'hour' | 'weekday' | 'reasons'>;

/** Sums the roll-up changes of inserted rows and of updates (previous → row); keys that net to zero are dropped. */
export function rollupDeltas(inserted: readonly RollupFields[], updated: ReadonlyArray<{ row: RollupFields; previous: RollupFields }>): RollupDeltas {
  const daily = new Map<string, DailyDelta>();
  const hourly = new Map<string, HourlyDelta>();
  const reasons = new Map<string, ReasonDelta>();
  const add = (r: RollupFields, sign: 1 | -1) => {
    const staff = r.staff_id ?? '';
    const base = `${r.site_id}\u0000${r.day}\u0000${r.window_id}\u0000${staff}\u0000${r.suspect}`;
    const dk = `${base}\u0000${r.score}`;
    const d = daily.get(dk) ?? { site_id: r.site_id, day: r.day, window_id: r.window_id, staff_id: staff, score: r.score, suspect: r.suspect, n: 0 };
    d.n += sign;
    daily.set(dk, d);
    const hk = `${base}\u0000${r.hour}`;
    const h = hourly.get(hk) ?? { site_id: r.site_id, day: r.day, window_id: r.window_id, staff_id: staff, hour: r.hour, weekday: r.weekday, suspect: r.suspect, n: 0, bad: 0 };
    h.n += sign;
    if (r.score <= 2) h.bad += sign;
    hourly.set(hk, h);
    if (r.score > 2) return;
    for (const reason of JSON.parse(r.reasons) as string[]) {
      const rk = `${base}\u0000${reason}`;
      const x = reasons.get(rk) ?? { site_id: r.site_id, day: r.day, window_id: r.window_id, staff_id: staff, reason, suspect: r.suspect, n: 0 };
      x.n += sign;
      reasons.set(rk, x);
    }
  };
  for (const r of inserted) add(r, 1);
  for (const u of updated) {
    add(u.previous, -1);
    add(u.row, 1);
  }
  return {
    daily: [...daily.values()].filter((d) => d.n !== 0),
    hourly: [...hourly.values()].filter((h) => h.n !== 0 || h.bad !== 0),
    reasons: [...reasons.values()].filter((r) => r.n !== 0),
  };
}
