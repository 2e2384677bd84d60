/**
 * Themes: the words and short phrases that recur in a period's comments, found by word segmentation with
 * Intl.Segmenter (ICU's Chinese dictionary; no dependency), ranked by how many comments use them.
 */

export interface ThemeComment { readonly id: string; readonly text: string }

export interface Theme {
  readonly term: string;
  /** Comments that use the term (a comment repeating it counts once). */
  readonly count: number;
  /** Up to `examples` comments that use it, most recent input order first. */
  readonly examples: ThemeComment[];
}

export interface ThemeOptions {
  readonly top?: number;
  readonly minCount?: number;
  readonly examples?: number;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const DIGITS = /^[\p{N}.,%]+$/u;

function keep(word: string, stop: ReadonlySet<string>): boolean {
  if (stop.has(word) || DIGITS.test(word)) return false;
  return HAN.test(word) ? true : word.length >= 3;
}

/** The distinct terms of one comment: words (Chinese ≥ 2 characters, latin ≥ 3 letters) and adjacent pairs of kept words. */
export function termsOf(text: string, stop: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  let previous: string | null = null;
  for (const s of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!s.isWordLike) {
      // Spaces between latin words keep a phrase together; punctuation breaks it.
      if (!/^\s+$/.test(s.segment)) previous = null;
      continue;
    }
    const word = s.segment;
    if (!keep(word, stop)) { previous = null; continue; }
    const phrase = previous === null ? null : HAN.test(word) && HAN.test(previous) ? previous + word : `${previous} ${word}`;
    // A stop word the segmenter splits (工作人员 → 工作 | 人员) is stopped whole: neither the phrase nor its halves count.
    if (phrase !== null && stop.has(phrase)) { out.delete(previous!); previous = null; continue; }
    if (phrase !== null) out.add(phrase);
    if (!HAN.test(word) || word.length >= 2) out.add(word);
    previous = word;
  }
  return out;
}

/**
 * Ranked themes of a set of comments. A word is left out when a phrase containing it is used by at least 80% as many
 * comments (态度生硬 rather than 态度 and 生硬 separately), or when a longer term is used by the very same comments;
 * a term must recur (`minCount`, default 2).
 */
export function themes(comments: readonly ThemeComment[], stop: ReadonlySet<string>, opts: ThemeOptions = {}): Theme[] {
  const minCount = opts.minCount ?? 2, top = opts.top ?? 20, examples = opts.examples ?? 3;
  const users = new Map<string, ThemeComment[]>();
  for (const c of comments) {
    for (const t of termsOf(c.text, stop)) {
      const list = users.get(t);
      if (list) list.push(c); else users.set(t, [c]);
    }
  }
  const frequent = [...users.entries()].filter(([, list]) => list.length >= minCount);
  const count = new Map(frequent.map(([t, list]) => [t, list.length]));
  const subsumed = (term: string, n: number) =>
    frequent.some(([other, list]) => other !== term && other.length > term.length && other.includes(term) && list.length >= 0.8 * n);
  // Terms used by exactly the same comments are one theme (the words of one sentence said again and again): keep the longest.
  const sameComments = new Map<string, string>();
  for (const [term, list] of frequent) {
    const key = `${list.length}|${list[0]!.id}|${list[list.length - 1]!.id}`;
    const kept = sameComments.get(key);
    if (!kept || term.length > kept.length) sameComments.set(key, term);
  }
  const chosen = new Set(sameComments.values());
  return frequent
    .filter(([term]) => chosen.has(term) && !subsumed(term, count.get(term)!))
    .map(([term, list]) => ({ term, count: list.length, examples: dedupe(list).slice(0, examples) }))
    .sort((a, b) => b.count - a.count || b.term.length - a.term.length || a.term.localeCompare(b.term))
    .slice(0, top);
}

function dedupe(list: readonly ThemeComment[]): ThemeComment[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
}

export interface ThemeChange extends Theme {
  /** Comments using the term in the previous period (0 when it was not among them). */
  readonly before: number;
  /** Share of this period's comments using it minus the share before, in percentage points. */
  readonly changePoints: number;
  readonly isNew: boolean;
}

/** This period's themes beside the previous period's counts of the same terms. */
export function compareThemes(now: readonly ThemeComment[], before: readonly ThemeComment[], stop: ReadonlySet<string>, opts: ThemeOptions = {}): ThemeChange[] {
  const previous = new Map<string, number>();
  for (const c of before) for (const t of termsOf(c.text, stop)) previous.set(t, (previous.get(t) ?? 0) + 1);
  const share = (n: number, of: number) => (of > 0 ? (100 * n) / of : 0);
  return themes(now, stop, opts).map((t) => {
    const b = previous.get(t.term) ?? 0;
    return { ...t, before: b, changePoints: share(t.count, now.length) - share(b, before.length), isNew: b === 0 };
  });
}
