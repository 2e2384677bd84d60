/** Comments of ratings and suggestion-box entries, newest first, searchable; phone numbers masked. */
import type { Db } from '../db/sqlite';
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
}

/** LIKE pattern that matches `s` literally. */
function contains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

interface ResponseRow { id: string; day: string; counted_at: number; window_id: string; staff_id: string | null; score: number; reasons: string; comment: string; phone: string | null; flags: string }
interface SuggestionRow { id: string; day: string; counted_at: number; window_id: string; staff_id: string | null; category: string; text: string; contact: string | null; flags: string }

/** The newest `limit` items matching the filter and the query. */
export function feedback(db: Db, config: ConfigIndex, f: Filter, q: FeedbackQuery): Feedback {
  const params = { site: f.site.id, from: f.from, to: f.to, window: f.windowId, staff: f.staffId, text: contains(q.text), score: q.score, category: q.category, limit: q.limit };
  const common = ['site_id = @site', 'day BETWEEN @from AND @to'];
  if (f.windowId) common.push('window_id = @window');
  if (f.staffId) common.push('staff_id = @staff');
  const items: FeedbackItem[] = [];
  const label = (w: string, s: string | null) => ({ windowLabel: windowLabel(config, w), staffId: s, staffLabel: s ? staffLabel(config, s) : null });

  if (q.category === null) {
    const where = [...common, 'comment IS NOT NULL', "comment <> ''"];
    if (!f.includeSuspect) where.push('suspect = 0');
    if (q.score !== null) where.push('score = @score');
    if (q.text) where.push("comment LIKE @text ESCAPE '\\'");
    const rows = db.prepare(`SELECT id, day, counted_at, window_id, staff_id, score, reasons, comment, phone, flags FROM responses
      WHERE ${where.join(' AND ')} ORDER BY day DESC, counted_at DESC LIMIT @limit`).all(params) as ResponseRow[];
    for (const r of rows) {
      items.push({
        kind: 'response', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: r.score, category: null, reasons: JSON.parse(r.reasons) as string[], text: r.comment, phone: maskContact(r.phone), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  if (q.score === null) {
    const where = [...common];
    if (q.category !== null) where.push('category = @category');
    if (q.text) where.push("text LIKE @text ESCAPE '\\'");
    const rows = db.prepare(`SELECT id, day, counted_at, window_id, staff_id, category, text, contact, flags FROM suggestions
      WHERE ${where.join(' AND ')} ORDER BY day DESC, counted_at DESC LIMIT @limit`).all(params) as SuggestionRow[];
    for (const r of rows) {
      items.push({
        kind: 'suggestion', id: r.id, day: r.day, at: new Date(r.counted_at).toISOString(), windowId: r.window_id, ...label(r.window_id, r.staff_id),
        score: null, category: r.category, reasons: [], text: r.text, phone: maskContact(r.contact), flags: r.flags.split(' ').filter(Boolean),
      });
    }
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { ...echo(f), items: items.slice(0, q.limit) };
}
