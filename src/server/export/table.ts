/**
 * What an export holds: typed columns (English and Chinese headers, spreadsheet widths) and rows
 * built from the columns the export needs, read in raw mode (arrays, not objects) for speed.
 */
import type { KioskConfig } from '../../shared/config';
import { level, type Score } from '../../shared/scale';
import { maskPhone } from '../../shared/phone';
import { maskContact } from './mask';
import { maskPhonesInText } from '../../shared/contact';
import { InstantParser, InstantText, LocalClock } from './local-time';
import type { Areas, ExportQuery } from '../store';
import { RESPONSE_ROW_COLUMNS, type LineCell, type LineFormat, type LinePage } from '../store/export-rows';
import { csvText, CSV_PLAIN, jsonKeys, type HeaderLang } from './formats';
import { compileSheetRow, sheetCells } from './sheet-writer';
import { columnLetters, type SharedStrings, type SheetRowWriter } from './xlsx';
import { CHANNELS } from '../../shared/wire';

/** `text` stays text in a spreadsheet ("01", an 18-digit case number); `datetime` is hall-local wall-clock ms. */
export type ColumnType = 'text' | 'int' | 'bool' | 'day' | 'datetime';
export interface Column { key: string; zh: string; type: ColumnType; width: number }
export type Value = string | number | boolean | null;

/** Which rows: the dashboard's filter, resolved to a site. */
export interface RowFilter { siteId: string; from: string; to: string; windowId?: string | null | undefined; staffId?: string | null | undefined; includeSuspect: boolean }
export interface TableOptions { unmasked: boolean; gbCode: boolean }

export interface Table {
  columns: readonly Column[];
  /** The store's pages of raw rows (store/export-rows.ts gives the column order). */
  pages: (store: Pick<Areas, 'exportRows'>, pageSize: number) => AsyncIterable<unknown[][]>;
  /** Maps one raw row to one value per column. */
  row: (r: unknown[]) => Value[];
  /** The same CSV or JSON Lines lines written by the store (store `lines`), or null where only `row` can write them. */
  lines: (store: Pick<Areas, 'exportRows'>, pageSize: number, format: LineFormat, lang: HeaderLang) => AsyncIterable<LinePage> | null;
  /** A writer of xlsx rows straight from raw rows (export/sheet-writer.ts), or null where only `row` can write them. */
  sheetRows: (strings: SharedStrings) => SheetRowWriter | null;
}

const col = (key: string, zh: string, type: ColumnType, width: number): Column => ({ key, zh, type, width });

function query(f: RowFilter): ExportQuery {
  return { siteId: f.siteId, from: f.from, to: f.to, windowId: f.windowId ?? null, staffId: f.staffId ?? null, includeSuspect: f.includeSuspect };
}

function lookups(config: KioskConfig) {
  const windows = new Map(config.windows.map((w) => [w.id, w]));
  const staff = new Map(config.staff.map((s) => [s.id, s]));
  const reasons = new Map<string, string>();
  for (const s of config.sites) for (const r of s.reasons) reasons.set(`${s.id}:${r.code}`, r.zh);
  const site = (id: string) => config.sites.find((s) => s.id === id);
  return { windows, staff, reasons, site };
}

/** Responses: the columns of earlier releases first (same order), then names and hall-local times. */
export function responsesTable(config: KioskConfig, f: RowFilter, o: TableOptions): Table {
  const { windows, staff, reasons, site } = lookups(config);
  const clock = new LocalClock(site(f.siteId)?.timeZone ?? 'Asia/Shanghai');
  const columns: Column[] = [
    col('id', '记录编号', 'text', 38), col('site_id', '大厅', 'text', 10), col('window_id', '窗口ID', 'text', 10), col('window_number', '窗口号', 'text', 8),
    col('staff_id', '工作人员ID', 'text', 11), col('score', '评分', 'int', 6),
    ...(o.gbCode ? [col('score_gbt39046_code', 'GB/T 39046 代码', 'int', 10)] : []),
    col('score_label_zh', '评价', 'text', 11), col('score_label_en', 'Rating', 'text', 20), col('reasons', '原因代码', 'text', 16),
    col('reasons_zh', '差评原因', 'text', 24), col('comment', '留言', 'text', 40), col('phone', '联系电话', 'text', 14), col('channel', '渠道', 'text', 8),
    col('token_kind', '二维码类型', 'text', 10), col('case_no', '办件编号', 'text', 22), col('follow_up', '二次评价', 'bool', 8), col('suspect', '可疑', 'bool', 6),
    col('flags', '标记', 'text', 12), col('day', '日期', 'day', 11), col('device_time', '设备时间(原始)', 'text', 26), col('received_at', '接收时间(UTC)', 'text', 25),
    col('window_name', '窗口名称', 'text', 14), col('staff_number', '工号', 'text', 8), col('staff_name', '工作人员', 'text', 10),
    col('device_time_local', '评价时间(本地)', 'datetime', 20), col('received_at_local', '接收时间(本地)', 'datetime', 20),
  ];
  // Per-row work is the export's own cost beside the read: times through InstantText/InstantParser instead of Date,
  // reason lists decoded once per distinct JSON text, and the row array built in one literal (no spread).
  const text = new InstantText();
  const parser = new InstantParser();
  const reasonTexts = new Map<string, readonly [codes: string, zh: string]>();
  const NO_REASONS = ['', ''] as const;
  const reasonsOf = (siteId: string, json: string): readonly [string, string] => {
    if (json === '[]') return NO_REASONS;
    const key = `${siteId}\n${json}`;
    let t = reasonTexts.get(key);
    if (!t) {
      const codes = JSON.parse(json) as string[];
      t = [codes.join(';'), codes.map((c) => reasons.get(`${siteId}:${c}`) ?? c).join('；')];
      if (reasonTexts.size < 10_000) reasonTexts.set(key, t); // free text in a damaged row must not grow the map without end
    }
    return t;
  };
  const gb = o.gbCode;
  return {
    columns, pages: (store, n) => store.exportRows.responses(query(f), n),
    lines(store, n, format, lang) {
      const write = store.exportRows.lines;
      const cells = write ? responseCells(config, f, o, clock, columns, format, lang) : null;
      return write && cells ? write('responses', query(f), cells, format, n) : null;
    },
    sheetRows(strings) {
      const cells = responseCells(config, f, o, clock, columns, 'xlsx', 'zh', strings);
      return cells && compileSheetRow(cells, RESPONSE_ROW_COLUMNS, strings);
    },
    row(r) {
      const [id, siteId, windowId, staffId, score, reasonsJson, comment, phone, channel, tokenKind, caseNo, followUp, suspect, flags, day, deviceTime, receivedAt] =
        r as [string, string, string, string | null, number, string, string | null, string | null, string, string | null, string | null, number, number, string, string, string, number];
      const lv = level(score as Score);
      const [codes, codesZh] = reasonsOf(siteId, reasonsJson);
      const win = windows.get(windowId);
      const person = staffId ? staff.get(staffId) : undefined;
      const shown = phone === null ? null : o.unmasked ? phone : maskPhone(phone) || null;
      // a telephone number typed into the comment is personal data as the phone column is
      const said = comment === null || o.unmasked ? comment : maskPhonesInText(comment);
      const deviceLocal = clock.wall(parser.parse(deviceTime));
      const receivedLocal = clock.wall(receivedAt);
      return gb
        ? [id, siteId, windowId, win?.number ?? '', staffId, score, lv.gbCode, lv.zh, lv.en, codes, codesZh, said, shown, channel, tokenKind, caseNo,
          followUp === 1, suspect === 1, flags, day, deviceTime, text.iso(receivedAt), win?.name.zh ?? '', person?.staffNumber ?? '', person?.name ?? '', deviceLocal, receivedLocal]
        : [id, siteId, windowId, win?.number ?? '', staffId, score, lv.zh, lv.en, codes, codesZh, said, shown, channel, tokenKind, caseNo,
          followUp === 1, suspect === 1, flags, day, deviceTime, text.iso(receivedAt), win?.name.zh ?? '', person?.staffNumber ?? '', person?.name ?? '', deviceLocal, receivedLocal];
    },
  };
}

/**
 * The cells of `responsesTable`'s CSV or JSON Lines line for the database to write: the same text as `row` and the
 * writers in formats.ts give. Null when the site's reason names are not plain text or its zone changes offset
 * around the range. As `xlsx`, the cells of a sheet's row for the sheet writer (export/sheet-writer.ts): each cell's
 * key is its reference before the row number, and fixed texts are cells of shared strings in `strings`.
 */
function responseCells(config: KioskConfig, f: RowFilter, o: TableOptions, clock: LocalClock, columns: readonly Column[], format: LineFormat | 'xlsx', lang: HeaderLang,
  strings?: SharedStrings): LineCell[] | null {
  const json = format === 'jsonl';
  const xlsx = format === 'xlsx';
  // Text the database writes without escaping it must need none, in either format.
  const plain = (s: string) => CSV_PLAIN.test(s) && JSON.stringify(s) === `"${s}"`;
  const site = config.sites.find((s) => s.id === f.siteId);
  const names = (site?.reasons ?? []).map((r) => [r.code, r.zh] as const);
  if (!names.every(([, zh]) => plain(zh))) return null;
  const span = clock.steadySpan(Date.parse(`${f.from}T00:00:00Z`), Date.parse(`${f.to}T00:00:00Z`));
  if (!span) return null;
  const keys = xlsx ? columns.map((_, i) => `<c r="${columnLetters(i)}`) : jsonKeys(columns, lang);
  const text = (v: string | null) => (v === null ? (json ? 'null' : '') : json ? JSON.stringify(v) : csvText(v));
  const cells: LineCell[] = [];
  let at = 0; // the first column of the next cell
  const put = (width: number, cell: LineCell) => { cells.push(json || xlsx ? { ...cell, key: keys[at]! } : cell); at += width; };
  /** Several columns' values as one text, for a cell whose first column is the next one (numbers as numbers). */
  const joined = (values: ReadonlyArray<string | number | null>) => (xlsx
    ? sheetCells(at, values, strings!)
    : values.map((v, i) => (i === 0 ? '' : json ? keys[at + i]! : ',') + (typeof v === 'number' ? String(v) : text(v))).join(''));
  // Columns side by side that depend on one value are one lookup: window id and number, score and its labels, staff number and name.
  const windows = config.windows.filter((w) => plain(w.id));
  const people = config.staff.filter((p) => p.id !== '' && plain(p.id));
  const lookup = (column: string, values: Array<readonly [string | number, string]>, ifNull: string | null, otherwise: string | null): LineCell =>
    ({ kind: 'lookup', column, cells: values, ifNull, otherwise });
  put(1, { kind: 'hexId', column: 'id' });
  put(1, { kind: 'literal', text: joined([f.siteId]) });
  put(2, lookup('window_id', windows.map((w) => [w.id, joined([w.id, w.number])]), null, null));
  put(1, lookup('staff_id', people.map((p) => [p.id, joined([p.id])]), joined([null]), null));
  const scoreWidth = o.gbCode ? 4 : 3;
  put(scoreWidth, lookup('score', ([1, 2, 3, 4, 5] as const).map((sc) => {
    const lv = level(sc);
    return [sc, joined([sc, ...(o.gbCode ? [lv.gbCode] : []), lv.zh, lv.en])] as const;
  }), null, null));
  put(2, { kind: 'reasons', column: 'reasons', names, between: json || xlsx ? keys[at + 1]! : ',' });
  put(1, { kind: 'free', column: 'comment', maskPhones: !o.unmasked });
  put(1, o.unmasked ? { kind: 'free', column: 'phone' } : { kind: 'maskedMobile', column: 'phone' });
  // The channels are known: a lookup is a comparison or two, where checking any words took SQLite 0.23 µs a row. Any
  // other value goes back raw.
  put(1, lookup('channel', CHANNELS.map((c) => [c, joined([c])]), joined([null]), null));
  put(1, { kind: 'words', column: 'token_kind' });
  put(1, { kind: 'free', column: 'case_no' });
  put(1, { kind: 'bool', column: 'follow_up' });
  put(1, { kind: 'bool', column: 'suspect' });
  put(1, { kind: 'words', column: 'flags' });
  put(1, { kind: 'day', column: 'day' });
  put(1, { kind: 'instant', column: 'device_time' });
  put(1, { kind: 'isoUtc', column: 'received_at' });
  put(1, lookup('window_id', windows.map((w) => [w.id, joined([w.name.zh])]), null, null));
  const nobody = joined(['', '']);
  put(2, lookup('staff_id', people.map((p) => [p.id, joined([p.staffNumber, p.name])]), nobody, nobody));
  put(1, { kind: 'wall', column: 'device_time', from: 'iso', ...span });
  put(1, { kind: 'wall', column: 'received_at', from: 'ms', ...span });
  if (at !== columns.length) throw new Error(`export: ${at} columns written by the database, ${columns.length} in the table`);
  return cells;
}

const CATEGORY_ZH: Record<string, string> = { suggestion: '建议', complaint: '投诉', praise: '表扬', question: '咨询' };

/** Suggestions (意见箱): earlier columns first, then names and hall-local times. */
export function suggestionsTable(config: KioskConfig, f: RowFilter, o: TableOptions): Table {
  const { windows, staff, site } = lookups(config);
  const clock = new LocalClock(site(f.siteId)?.timeZone ?? 'Asia/Shanghai');
  const columns: Column[] = [
    col('id', '记录编号', 'text', 38), col('site_id', '大厅', 'text', 10), col('window_id', '窗口ID', 'text', 10), col('window_number', '窗口号', 'text', 8),
    col('staff_id', '工作人员ID', 'text', 11), col('category', '类别代码', 'text', 11), col('category_zh', '类别', 'text', 8), col('text', '内容', 'text', 50),
    col('contact', '联系方式', 'text', 18), col('channel', '渠道', 'text', 8), col('flags', '标记', 'text', 12), col('day', '日期', 'day', 11),
    col('device_time', '设备时间(原始)', 'text', 26), col('received_at', '接收时间(UTC)', 'text', 25),
    col('window_name', '窗口名称', 'text', 14), col('staff_number', '工号', 'text', 8), col('staff_name', '工作人员', 'text', 10),
    col('device_time_local', '提交时间(本地)', 'datetime', 20), col('received_at_local', '接收时间(本地)', 'datetime', 20),
  ];
  const times = new InstantText();
  const parser = new InstantParser();
  return {
    columns, pages: (store, n) => store.exportRows.suggestions(query(f), n),
    lines: () => null, // contacts are masked by a rule only JavaScript writes
    sheetRows: () => null,
    row(r) {
      const [id, siteId, windowId, staffId, category, text, contact, channel, flags, day, deviceTime, receivedAt] =
        r as [string, string, string, string | null, string, string, string | null, string, string, string, string, number];
      const win = windows.get(windowId);
      const person = staffId ? staff.get(staffId) : undefined;
      return [
        id, siteId, windowId, win?.number ?? '', staffId, category, CATEGORY_ZH[category] ?? category, o.unmasked ? text : maskPhonesInText(text), o.unmasked ? contact : maskContact(contact) || null,
        channel, flags, day, deviceTime, times.iso(receivedAt), win?.name.zh ?? '', person?.staffNumber ?? '', person?.name ?? '',
        clock.wall(parser.parse(deviceTime)), clock.wall(receivedAt),
      ];
    },
  };
}
