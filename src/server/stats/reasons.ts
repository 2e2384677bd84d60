/** Reasons given with bad reviews (差评原因), most frequent first, from the reasons roll-up. */
import type { Db } from '../db/sqlite';
import type { Filter } from '../routes/query';
import { echo, rollupWhere } from './where';
import { reasonLabel } from './labels';
import type { Reasons } from './types';

/** Every configured reason with its count (zero included), then any unknown code seen. */
export function reasons(db: Db, f: Filter): Reasons {
  const w = rollupWhere(f);
  const rows = db.prepare(`SELECT reason, sum(n) AS n FROM rollup_reasons WHERE ${w.sql} GROUP BY reason`).all(w.params) as { reason: string; n: number }[];
  const bad = db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM rollup_daily WHERE ${w.sql} AND score <= 2`).get(w.params) as { n: number };
  const seen = new Map(rows.map((r) => [r.reason, r.n]));
  const codes = new Set([...f.site.reasons.map((r) => r.code), ...seen.keys()]);
  const list = [...codes].map((code) => ({ code, ...reasonLabel(f.site, code), n: seen.get(code) ?? 0 })).sort((a, b) => b.n - a.n);
  return { ...echo(f), badTotal: bad.n, reasons: list };
}
