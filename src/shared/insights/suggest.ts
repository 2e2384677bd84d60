/** Corrections teach the rules: words common in comments a supervisor moved into a category, not yet among its keywords. */
import type { CategoryRule } from './defaults';
import { termsOf } from './themes';

export interface CorrectedComment { readonly text: string; readonly added: readonly string[] }

/** Suggested keywords per category, most used first; a term must appear in `minComments` corrected comments. */
export function suggestKeywords(corrected: readonly CorrectedComment[], rules: readonly CategoryRule[], stop: ReadonlySet<string>, minComments = 2): { code: string; term: string; comments: number }[] {
  const counts = new Map<string, Map<string, number>>();
  for (const c of corrected) {
    const terms = termsOf(c.text, stop);
    for (const code of c.added) {
      const m = counts.get(code) ?? new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
      counts.set(code, m);
    }
  }
  const out: { code: string; term: string; comments: number }[] = [];
  for (const [code, m] of counts) {
    const rule = rules.find((r) => r.code === code);
    const known = new Set([...(rule?.keywords.zh ?? []), ...(rule?.keywords.en ?? [])].map((k) => k.toLowerCase()));
    for (const [term, n] of m) {
      if (n >= minComments && ![...known].some((k) => term.includes(k) || k.includes(term))) out.push({ code, term, comments: n });
    }
  }
  return out.sort((a, b) => b.comments - a.comments || b.term.length - a.term.length || a.term.localeCompare(b.term));
}
