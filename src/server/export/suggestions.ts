import type { Filter } from '../routes/query';
import type { ConfigIndex } from '../config/load';
import type { Areas, SuggestionRow } from '../store';
import { PAGE, type Pages } from './stream';
import { exportQuery } from './responses';
import type { Cell } from '../../shared/csv';
import { maskContact } from './mask';

export type { SuggestionRow } from '../store';

const CATEGORY_ZH: Record<string, string> = { suggestion: '建议', complaint: '投诉', praise: '表扬', question: '咨询' };

export const SUGGESTION_COLUMNS = [
  'id', 'site_id', 'window_id', 'window_number', 'staff_id', 'category', 'category_zh', 'text', 'contact', 'channel', 'flags',
  'day', 'device_time', 'received_at',
] as const;

/** Pages of suggestions in (day, id) order for a filter. */
export function suggestionSource(store: Pick<Areas, 'exports'>, f: Filter): Pages<SuggestionRow> {
  return store.exports.suggestions(exportQuery(f), PAGE);
}

/** One row of a suggestion; the free-text contact is masked unless `unmasked`. */
export function suggestionCells(config: ConfigIndex, unmasked: boolean) {
  return (r: SuggestionRow): readonly Cell[] => [
    r.id, r.site_id, r.window_id, config.windows.get(r.window_id)?.number ?? '', r.staff_id, r.category, CATEGORY_ZH[r.category] ?? r.category,
    r.text, unmasked ? r.contact : maskContact(r.contact), r.channel, r.flags, r.day, r.device_time, new Date(r.received_at).toISOString(),
  ];
}
