/** Comments of ratings and suggestion-box entries, newest first, searchable; phone numbers masked, in the contact and in the text. */
import type { Areas, FeedbackQuery as StoreQuery, ResponseRow, SuggestionRow } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Filter } from '../routes/query';
import { maskContact, maskPhonesInText } from '../../shared/contact';
import { echo } from './where';
import { staffLabel, windowLabel } from './labels';
import type { SuggestionCategory } from '../../shared/wire';
import type { Feedback, FeedbackItem } from './types';

export interface FeedbackQuery {
  text: string;
  /** A score 1–5: ratings only; a category: suggestions only. */
  score: number | null;
  category: SuggestionCategory | null;
  limit: number;
  /** The `nextCursor` of the page before, or null for the newest page. */
  cursor: string | null;
}

/** `<counted_at ms>_<id>` of the last item shown. */
export function parseCursor(s: string | null): { at: number; id: string } | null {
  const m = s?.match(/^(\d{1,15})_([0-9a-f-]{36})$/);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

/**
 * Whether a comment as shown (its phone numbers masked) holds the searched text. The store matches the text as
 * written; this keeps a number masked away from being probed digit by digit. A query with digits must appear exactly
 * as shown (so no letter case rule of an engine can match it inside a number); one without cannot touch a number's
 * digits and keeps the engine's letter case rule.
 */
function showsQuery(shown: string, query: string): boolean {
  if (query === '') return true;
  return /\d/.test(query) ? shown.includes(query) : shown.toLowerCase().includes(query.toLowerCase());
}

type Page<R> = (before: StoreQuery['before']) => Promise<R[]>;

/** Up to `want` rows of one table that `keep` accepts, newest first: reads on past the rows it drops, so a page stays full. */
async function collect<R extends { counted_at: number; id: string }>(read: Page<R>, keep: (r: R) => boolean, want: number, before: StoreQuery['before']): Promise<R[]> {
  const out: R[] = [];
  for (let from = before; ;) {
    const rows = await read(from);
    out.push(...rows.filter(keep));
    const last = rows.at(-1);
    if (out.length >= want || rows.length < want || !last) return out.slice(0, want);
    from = { at: last.counted_at, id: last.id };
  }
}

/** The newest `limit` items matching the filter and the query. */
export async function feedback(store: Pick<Areas, 'stats'>, config: ConfigIndex, f: Filter, q: FeedbackQuery): Promise<Feedback> {
  // One more than a page from each table tells whether another page follows.
  const want = q.limit + 1;
  const sq = { siteId: f.site.id, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId, includeSuspect: f.includeSuspect, ...q, limit: want };
  const before = parseCursor(q.cursor);
  const items: FeedbackItem[] = [];
  const label = (w: string, s: string | null) => ({ windowLabel: windowLabel(config, w), staffId: s, staffLabel: s ? staffLabel(config, s) : null });

  if (q.category === null) {
    const read: Page<ResponseRow> = (b) => store.stats.feedbackResponses({ ...sq, before: b });
    for (const r of await collect(read, (r) => showsQuery(maskPhonesInText(r.comment ?? ''), q.text), want, before)) {
      items.push({
        kind: 'response', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: r.score, category: null, reasons: JSON.parse(r.reasons) as string[], text: maskPhonesInText(r.comment ?? ''), phone: maskContact(r.phone), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  if (q.score === null) {
    const read: Page<SuggestionRow> = (b) => store.stats.feedbackSuggestions({ ...sq, before: b });
    for (const r of await collect(read, (r) => showsQuery(maskPhonesInText(r.text), q.text), want, before)) {
      items.push({
        kind: 'suggestion', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: null, category: r.category, reasons: [], text: maskPhonesInText(r.text), phone: maskContact(r.contact), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = items.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = items.length > q.limit && last ? `${Date.parse(last.at)}_${last.id}` : null;
  return { ...echo(f), items: page, nextCursor };
}
