import type { Filter } from '../routes/query';
import type { ConfigIndex } from '../config/load';
import type { Areas, ExportQuery, ResponseRow } from '../store';
import { PAGE, type Pages } from './stream';
import type { Cell } from '../../shared/csv';
import { level, type Score } from '../../shared/scale';
import { maskPhone } from '../../shared/phone';

export type { ResponseRow } from '../store';

export const RESPONSE_COLUMNS = [
  'id', 'site_id', 'window_id', 'window_number', 'staff_id', 'score', 'score_label_zh', 'score_label_en', 'reasons', 'reasons_zh',
  'comment', 'phone', 'channel', 'token_kind', 'case_no', 'follow_up', 'suspect', 'flags', 'day', 'device_time', 'received_at',
] as const;

/** What an export filter asks of the store. */
export function exportQuery(f: Filter): ExportQuery {
  return { siteId: f.site.id, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId, includeSuspect: f.includeSuspect };
}

/** Pages of responses in (day, id) order for a filter. */
export function responseSource(store: Pick<Areas, 'exports'>, f: Filter): Pages<ResponseRow> {
  return store.exports.responses(exportQuery(f), PAGE);
}

export interface ExportOptions {
  /** Phone numbers in clear (admins only, with a reason, audited). */
  unmasked: boolean;
  /** Adds the GB/T 39046 code column (1 = 非常满意 … 5 = 非常不满意) beside the stored 1–5 score. */
  gbCode: boolean;
}

/** The header for these options: the GB/T column sits right after `score`. */
export function responseColumns(opts: Pick<ExportOptions, 'gbCode'>): readonly string[] {
  if (!opts.gbCode) return RESPONSE_COLUMNS;
  const cols: string[] = [...RESPONSE_COLUMNS];
  cols.splice(cols.indexOf('score') + 1, 0, 'score_gbt39046_code');
  return cols;
}

/** One row of a response; the phone is masked unless `unmasked`. */
export function responseCells(config: ConfigIndex, opts: ExportOptions | boolean) {
  const { unmasked, gbCode } = typeof opts === 'boolean' ? { unmasked: opts, gbCode: false } : opts;
  const reasonLabels = new Map<string, string>();
  for (const s of config.config.sites) for (const r of s.reasons) reasonLabels.set(`${s.id}:${r.code}`, r.zh);
  return (r: ResponseRow): readonly Cell[] => {
    const lv = level(r.score as Score);
    const reasons = JSON.parse(r.reasons) as string[];
    return [
      r.id, r.site_id, r.window_id, config.windows.get(r.window_id)?.number ?? '', r.staff_id, r.score, ...(gbCode ? [lv.gbCode] : []), lv.zh, lv.en,
      reasons.join(';'), reasons.map((c) => reasonLabels.get(`${r.site_id}:${c}`) ?? c).join('；'),
      r.comment, unmasked ? r.phone : maskPhone(r.phone), r.channel, r.token_kind, r.case_no, r.follow_up === 1, r.suspect === 1, r.flags,
      r.day, r.device_time, new Date(r.received_at).toISOString(),
    ];
  };
}
