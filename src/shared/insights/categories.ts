/**
 * Rule-based categories of citizens' comments, offline and explainable: every category given comes with the
 * keyword (or rule) that gave it. Rules come from kiosk-config (site `insights.categories`), staff from the config.
 */
import { PERSONAL, PROFANITY, SPAM, type CategoryRule } from './defaults';

/** A staff member as the personal-mention rule sees them. */
export interface StaffRef {
  readonly id: string;
  readonly name: string;
  readonly staffNumber: string;
  /** Other spellings: latin name, nickname ("Wang Li", "王姐"). */
  readonly aliases?: readonly string[];
}

/** Why a comment got a category: the word found, or the rule that fired. */
export interface Hit { readonly code: string; readonly match: string; readonly staffId?: string }

export interface Categorised {
  /** Category codes in the order of the rules. */
  readonly codes: string[];
  readonly hits: Hit[];
}

const ZH_NEGATIONS = ['不', '没', '无', '未', '别'];
const EN_NEGATIONS = new Set(['not', 'no', 'never', "isn't", "wasn't", "didn't", "don't", "doesn't", "aren't", "weren't", 'hardly']);
const HAS_LATIN = /[a-z]/;
const KEYBOARD_RUNS = ['qwer', 'wert', 'asdf', 'sdfg', 'zxcv', 'hjkl', 'uiop', 'jkl;'];

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Start offsets of `keyword` in `text`: substrings for Chinese, whole words for latin keywords. */
function occurrences(text: string, keyword: string): number[] {
  const out: number[] = [];
  if (HAS_LATIN.test(keyword)) {
    const re = new RegExp(`(?<![a-z0-9])${escape(keyword)}(?![a-z0-9])`, 'g');
    for (const m of text.matchAll(re)) out.push(m.index);
    return out;
  }
  for (let i = text.indexOf(keyword); i >= 0; i = text.indexOf(keyword, i + 1)) out.push(i);
  return out;
}

function negated(text: string, at: number, keyword: string): boolean {
  if (HAS_LATIN.test(keyword)) {
    const before = text.slice(0, at).split(/[^a-z']+/).filter(Boolean).slice(-3);
    return before.some((w) => EN_NEGATIONS.has(w) || w.endsWith("n't"));
  }
  const before = text.slice(Math.max(0, at - 2), at);
  return ZH_NEGATIONS.some((n) => before.includes(n));
}

function inside(text: string, at: number, length: number, phrases: readonly string[]): boolean {
  return phrases.some((p) => occurrences(text, p).some((start) => start <= at && at + length <= start + p.length));
}

/** The first keyword of `rule` found in the (normalised) text, or null. */
function firstKeyword(text: string, rule: CategoryRule): string | null {
  for (const keyword of [...rule.keywords.zh, ...rule.keywords.en]) {
    const k = normalise(keyword);
    if (!k) continue;
    const found = occurrences(text, k).some((at) => !(rule.negatable && negated(text, at, k)) && !inside(text, at, k.length, rule.except?.map(normalise) ?? []));
    if (found) return keyword;
  }
  return null;
}

/** The staff member a comment names: by name, alias, surname + 师傅/老师/姐/哥, or a staff number written as one. */
export function mentionedStaff(text: string, staff: readonly StaffRef[]): Hit | null {
  const t = normalise(text);
  for (const s of staff) {
    for (const name of [s.name, ...(s.aliases ?? [])]) {
      if (name && occurrences(t, normalise(name)).length) return { code: PERSONAL, match: name, staffId: s.id };
    }
    const surname = s.name.slice(0, 1);
    if (/\p{Script=Han}/u.test(surname)) {
      const m = t.match(new RegExp(`${escape(surname)}(师傅|老师|姐|哥|同志|大姐)`));
      if (m) return { code: PERSONAL, match: m[0], staffId: s.id };
    }
    const n = escape(normalise(s.staffNumber));
    const number = new RegExp(`(工号|编号|staff( number| no\\.?)?|no\\.|#)\\s*${n}(?!\\d)|(?<!\\d)${n}\\s*号`);
    const m = t.match(number);
    if (m) return { code: PERSONAL, match: m[0], staffId: s.id };
  }
  return null;
}

/** Nonsense by shape: nothing but punctuation, one character repeated, a keyboard run, a lone character, a short unit repeated. */
export function nonsense(text: string): string | null {
  const bare = normalise(text).replace(/[^\p{L}\p{N}]/gu, '');
  if (bare.length === 0) return 'no words';
  if (bare.length >= 2 && new Set(bare).size === 1) return 'one character repeated';
  if (KEYBOARD_RUNS.some((r) => bare.includes(r))) return 'keyboard run';
  if (/^[a-z]{5,}$/.test(bare) && !/[aeiouy]/.test(bare)) return 'no vowels';
  if (bare.length === 1) return 'a single character';
  if (/^(.{2,3})\1{2,}$/u.test(bare)) return 'a few characters repeated';
  return null;
}

/** Categories of one comment under the rules, with the reason for each. */
export function categorise(text: string, rules: readonly CategoryRule[], staff: readonly StaffRef[] = []): Categorised {
  const t = normalise(text);
  const hits: Hit[] = [];
  for (const rule of rules) {
    if (rule.code === PERSONAL) {
      const h = mentionedStaff(text, staff);
      if (h) hits.push(h);
      continue;
    }
    const k = firstKeyword(t, rule);
    if (k !== null) hits.push({ code: rule.code, match: k });
  }
  const shape = nonsense(text);
  // A lone "好" or "很好很好很好" is a rating in words, not nonsense; the same shapes that no rule knows are.
  const weak = shape === 'a single character' || shape === 'a few characters repeated';
  if (shape && !hits.some((h) => h.code === SPAM) && (!weak || hits.length === 0)) hits.push({ code: SPAM, match: shape });
  for (const rule of rules) {
    const via = rule.alsoWhen?.find((c) => hits.some((h) => h.code === c));
    if (via && !hits.some((h) => h.code === rule.code)) hits.push({ code: rule.code, match: `→ ${via}` });
  }
  const order = new Map(rules.map((r, i) => [r.code, i]));
  hits.sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
  return { codes: [...new Set(hits.map((h) => h.code))], hits };
}

/** The comment with the words of admin-only categories (profanity) masked, for anyone but an admin. */
export function maskForViewer(text: string, rules: readonly CategoryRule[], isAdmin: boolean): string {
  if (isAdmin) return text;
  let out = text;
  for (const rule of rules.filter((r) => r.adminOnly || r.code === PROFANITY)) {
    for (const keyword of [...rule.keywords.zh, ...rule.keywords.en].sort((a, b) => b.length - a.length)) {
      const k = normalise(keyword);
      const t = normalise(out);
      // Offsets of the normalised text match the original for the characters these lists hold.
      for (const at of occurrences(t, k).reverse()) {
        if (inside(t, at, k.length, rule.except?.map(normalise) ?? [])) continue;
        out = out.slice(0, at) + '＊'.repeat([...k].length) + out.slice(at + k.length);
      }
    }
  }
  return out;
}
