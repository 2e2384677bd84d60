import type { Db } from '../db/sqlite';
import type { Filter } from '../routes/query';
import type { ConfigIndex } from '../config/load';
import type { PagedSource } from './stream';
import type { Cell } from '../../shared/csv';
import { maskContact } from './mask';

export interface SuggestionRow {
  id: string; site_id: string; window_id: string; staff_id: string | null; kiosk_id: string | null; channel: string; category: string;
  text: string; contact: string | null; device_time: string; received_at: number; day: string; flags: string;
}

const CATEGORY_ZH: Record<string, string> = { suggestion: '建议', complaint: '投诉', praise: '表扬', question: '咨询' };

export const SUGGESTION_COLUMNS = [
  'id', 'site_id', 'window_id', 'window_number', 'staff_id', 'category', 'category_zh', 'text', 'contact', 'channel', 'flags',
  'day', 'device_time', 'received_at',
] as const;

/** Keyset pages of suggestions in (day, id) order for a filter. */
export function suggestionSource(db: Db, f: Filter): PagedSource<SuggestionRow> {
  const where = ['site_id = @site', 'day <= @to'];
  if (f.windowId) where.push('window_id = @window');
  if (f.staffId) where.push('staff_id = @staff');
  const cols = 'id, site_id, window_id, staff_id, kiosk_id, channel, category, text, contact, device_time, received_at, day, flags';
  const first = db.prepare(`SELECT ${cols} FROM suggestions WHERE ${where.join(' AND ')} AND day >= @from ORDER BY day, id LIMIT @limit`);
  const next = db.prepare(`SELECT ${cols} FROM suggestions WHERE ${where.join(' AND ')} AND (day > @day OR (day = @day AND id > @id)) ORDER BY day, id LIMIT @limit`);
  const base = { site: f.site.id, from: f.from, to: f.to, window: f.windowId, staff: f.staffId };
  return {
    page: (cursor, limit) => (cursor ? next.all({ ...base, day: cursor.day, id: cursor.id, limit }) : first.all({ ...base, limit })) as SuggestionRow[],
  };
}

/** One row of a suggestion; the free-text contact is masked unless `unmasked`. */
export function suggestionCells(config: ConfigIndex, unmasked: boolean) {
  return (r: SuggestionRow): readonly Cell[] => [
    r.id, r.site_id, r.window_id, config.windows.get(r.window_id)?.number ?? '', r.staff_id, r.category, CATEGORY_ZH[r.category] ?? r.category,
    r.text, unmasked ? r.contact : maskContact(r.contact), r.channel, r.flags, r.day, r.device_time, new Date(r.received_at).toISOString(),
  ];
}
