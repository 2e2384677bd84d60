/** Reasons given with bad reviews (差评原因), most frequent first, from the reasons roll-up. */
import type { Areas } from '../store';
import type { Filter } from '../routes/query';
import { echo, rollupQuery } from './where';
import { reasonLabel } from './labels';
import type { Reasons } from './types';

/** Every configured reason with its count (zero included), then any unknown code seen. */
export async function reasons(store: Pick<Areas, 'stats'>, f: Filter): Promise<Reasons> {
  const q = rollupQuery(f);
  const [rows, levels] = await Promise.all([store.stats.reasonCounts(q, null), store.stats.levelCounts(q, [])]);
  const bad = { n: levels.filter((l) => l.score <= 2).reduce((a, l) => a + l.n, 0) };
  const seen = new Map(rows.map((r) => [r.reason, r.n]));
  const codes = new Set([...f.site.reasons.map((r) => r.code), ...seen.keys()]);
  const list = [...codes].map((code) => ({ code, ...reasonLabel(f.site, code), n: seen.get(code) ?? 0 })).sort((a, b) => b.n - a.n);
  return { ...echo(f), badTotal: bad.n, reasons: list };
}
