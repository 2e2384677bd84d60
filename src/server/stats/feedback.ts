/** Comments of ratings and suggestion-box entries, newest first, searchable; phone numbers masked. */
import type { Areas } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Filter } from '../routes/query';
import { maskContact } from '../../shared/contact';
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

/** The newest `limit` items matching the filter and the query. */
export async function feedback(store: Pick<Areas, 'stats'>, config: ConfigIndex, f: Filter, q: FeedbackQuery): Promise<Feedback> {
  // One more than a page from each table tells whether another page follows.
  const sq = { siteId: f.site.id, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId, includeSuspect: f.includeSuspect, ...q, limit: q.limit + 1, before: parseCursor(q.cursor) };
  const items: FeedbackItem[] = [];
  const label = (w: string, s: string | null) => ({ windowLabel: windowLabel(config, w), staffId: s, staffLabel: s ? staffLabel(config, s) : null });

  if (q.category === null) {
    for (const r of await store.stats.feedbackResponses(sq)) {
      items.push({
        kind: 'response', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: r.score, category: null, reasons: JSON.parse(r.reasons) as string[], text: r.comment ?? '', phone: maskContact(r.phone), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  if (q.score === null) {
    for (const r of await store.stats.feedbackSuggestions(sq)) {
      items.push({
        kind: 'suggestion', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: null, category: r.category, reasons: [], text: r.text, phone: maskContact(r.contact), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = items.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = items.length > q.limit && last ? `${Date.parse(last.at)}_${last.id}` : null;
  return { ...echo(f), items: page, nextCursor };
}
