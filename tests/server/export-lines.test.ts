/**
 * A CSV or JSON Lines export whose lines the store writes (SQLite in SQL, PostgreSQL's store with a line writer compiled
 * from the same cells) is byte for byte the export the JavaScript writer gives: for odd text,
 * formula signs, masked and clear phones, damaged reason lists, device times in any form, zones with and without
 * daylight saving time; and plain rows really are written by the database.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Store } from '../../src/server/store';
import { loadConfig } from '../../src/server/config/load';
import type { KioskConfig } from '../../src/shared/config';
import { exportStream, LINE_PAGE_ROWS, type ExportSpec } from '../../src/server/export/run';
import { linesOfRows } from '../../src/server/store/line-writer';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS } from '../../src/server/store/export-rows';
import { uuidv7 } from '../../src/shared/ids';
import { CONFIG_DIR, ENGINE, freshStore } from './testkit';

const base = loadConfig(CONFIG_DIR);
const demo = base.sites.find((s) => s.id === 'demo')!;
const codes = demo.reasons.map((r) => r.code);
const windows = base.windows.filter((w) => w.siteId === 'demo').map((w) => w.id);
const staff = base.staff.filter((s) => s.siteId === 'demo').map((s) => s.id);

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const odd = ['=1+1', ' =x', '\u3000＝x', '＋86', '-3', '@a', 'a,b', 'say "hi"', 'a\nb', 'a\r\nb', '\tx', '', '01', ' lead', 'trail ', 'a\u0000b', '中文，逗号', '😀', 'x_x0041_',
  'back\\slash', 'ctl\u0001\u001f', 'bs\b\f', 'ls\u2028ps\u2029', 'del\u007f', '\ud83d\ude00\u0301'];
const text = (plain: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...odd) }, { weight: 1, arbitrary: fc.string() });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });
const instant = fc.integer({ min: T0 - 400 * DAY, max: T0 + 800 * DAY });
const deviceTime = fc.oneof(
  { weight: 8, arbitrary: instant.map((ms) => new Date(ms).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30T01:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-03-08T07:30:00.000+08:00', '2026-03-08T07:30:00Z', '1999-12-31T23:59:59.999Z', '0999-01-01T00:00:00.000Z') },
);
const reasons = fc.oneof(
  { weight: 6, arbitrary: fc.constant('[]') },
  { weight: 4, arbitrary: fc.subarray(codes, { minLength: 1 }).map((c) => JSON.stringify(c)) },
  { weight: 1, arbitrary: fc.constantFrom('["unknown_code"]', '[1]', '["a",[1]]', '["a,b"]', '[ "slow" ]', '["中"]', '[""]', '["",""]', '["-x"]', '["a","b\\u0041"]', '["a",1,"b"]') },
);

const row = fc.record({
  id: text(fc.uuid()), window_id: text(fc.constantFrom(...windows, 'w99')), staff_id: nullable(text(fc.constantFrom(...staff, 's9999'))),
  channel: text(fc.constantFrom('kiosk', 'qr')), token_kind: nullable(fc.constantFrom('window', 'hall', 'case', 'a b', '-x')),
  case_no: nullable(text(fc.stringMatching(/^[0-9]{18}$/))), follow_up: fc.constantFrom(0, 1, 2), score: fc.integer({ min: 1, max: 5 }), reasons,
  comment: nullable(text(fc.string({ unit: 'grapheme', maxLength: 40 }))),
  phone: nullable(fc.oneof(fc.constantFrom('13812345678', '15900001111', '', '138 1234 5678', '+8613812345678', '12345', '1381234567x', '=13812345678'), fc.stringMatching(/^1[3-9][0-9]{9}$/))),
  suspect: fc.constantFrom(0, 0, 0, 1), flags: fc.constantFrom('', '', 'clock_skew', 'clock_skew burst', ' lead', 'a,b', '-x'),
  dayN: fc.integer({ min: 0, max: 364 }), device_time: deviceTime,
  received_at: fc.oneof({ weight: 9, arbitrary: instant }, { weight: 1, arbitrary: fc.constantFrom(-1000, 0, 1.5, 253402300800000) }),
  // most ratings arrive on their day, sent a moment after they were given; the times above stand for the others
  onTime: fc.option(fc.record({ at: fc.integer({ min: -DAY, max: 2 * DAY }), sentAfter: fc.integer({ min: 0, max: 120_000 }) }), { nil: null, freq: 3 }),
});

/** A row as the tests give it: stored columns, its day of the year, and (generated rows) when it was given and sent. */
type Generated = Record<string, unknown> & { dayN: number; onTime?: { at: number; sentAfter: number } | null };

/** A stored response row of a generated one; `day` given as is, or the row's day of the year. */
function stored({ onTime, dayN, ...r }: Generated & { day?: string }, seq: number): Record<string, unknown> {
  const timing = onTime ? { received_at: T0 + dayN * DAY + onTime.at, device_time: new Date(T0 + dayN * DAY + onTime.at - onTime.sentAfter).toISOString() } : {};
  return {
    day: new Date(T0 + dayN * DAY).toISOString().slice(0, 10), ...r, ...timing,
    rev: 0, payload_hash: 'x', site_id: 'demo', kiosk_id: 'k', scale: 5, counted_at: 0, hour: 10, weekday: 0, seq,
  };
}

/** PostgreSQL holds no NUL byte in text and only whole numbers in BIGINT: there odd texts carry a byte 1 instead, odd times are whole. */
const storable = (r: Record<string, unknown>) => (ENGINE === 'postgres'
  ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('\u0000', '\u0001') : typeof v === 'number' ? Math.trunc(v) : v]))
  : r);

/** A fresh store of the engine under test holding the rows, closed when the test ends. */
async function storeWith(rows: ReadonlyArray<Generated>): Promise<Store> {
  const store = await freshStore();
  await store.tables.insert('responses', rows.map((r, i) => storable(stored(r, i + 1))));
  return store;
}

const spec = (over: Partial<ExportSpec['filter']> & { unmasked?: boolean; gbCode?: boolean; lang?: 'en' | 'zh'; format?: 'csv' | 'jsonl' } = {}): ExportSpec => ({
  what: 'responses', format: over.format ?? 'csv', lang: over.lang ?? 'zh', options: { unmasked: over.unmasked ?? false, gbCode: over.gbCode ?? false },
  filter: { siteId: 'demo', from: over.from ?? '2026-01-01', to: over.to ?? '2026-12-31', includeSuspect: over.includeSuspect ?? false, windowId: over.windowId ?? null },
});

async function text$(s: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(s).text();
}

/** The store's export reads without `lines`: what an engine that does not write lines gives. */
const javaScriptOnly = (store: Store) => ({ exportRows: { responses: store.exportRows.responses, suggestions: store.exportRows.suggestions } });

/** The export twice: with the store's own CSV lines, and through the JavaScript writer alone. Also what the database wrote. */
type Lines = NonNullable<Store['exportRows']['lines']>;

/** The endpoint's line writer over the store's raw rows (what PostgreSQL's store does), on either engine. */
const lineWriterOf = (store: Store): Lines => (what, q, cells, format, n) => (what === 'responses'
  ? linesOfRows(store.exportRows.responses(q, n), cells, format, RESPONSE_ROW_COLUMNS, 7)
  : linesOfRows(store.exportRows.suggestions(q, n), cells, format, SUGGESTION_ROW_COLUMNS, 7));

async function both(store: Store, config: KioskConfig, s: ExportSpec, write: Lines = store.exportRows.lines!) {
  let pages = 0, lines = 0, raw = 0;
  const counting = {
    ...store.exportRows,
    lines: (...a: Parameters<Lines>) => (async function* () {
      for await (const page of write(...a)) {
        if (page instanceof Uint8Array) pages++;
        else for (const item of page) if (typeof item === 'string') lines++; else raw++;
        yield page;
      }
    })(),
  };
  const fast = await text$(exportStream({ exportRows: counting }, config, s));
  const js = await text$(exportStream(javaScriptOnly(store), config, s));
  // pages: written whole by the database; lines: written by it on a page where other rows came back raw
  return { fast, js, written: pages + lines, pages, lines, raw };
}

const withZone = (timeZone: string): KioskConfig => ({ ...base, sites: base.sites.map((s) => (s.id === 'demo' ? { ...s, timeZone } : s)) });

describe('export lines written by the database', () => {
  it('are the bytes the JavaScript writer gives, for any rows, masked or clear, with or without the GB/T code', async () => {
    const rows = fc.sample(row, { numRuns: 3000, seed: 20261205 });
    const store = await storeWith(rows);
    for (const s of [spec(), spec({ unmasked: true, gbCode: true, lang: 'en', includeSuspect: true }), spec({ windowId: 'w02', from: '2026-03-01', to: '2026-06-30' }),
      spec({ format: 'jsonl' }), spec({ format: 'jsonl', unmasked: true, gbCode: true, lang: 'zh', includeSuspect: true })]) {
      const { fast, js, written, raw } = await both(store, base, s);
      expect(fast.split('\n').length).toBeGreaterThan(30);
      expect(fast).toBe(js);
      // both ways are exercised: lines the database wrote sit between raw rows the JavaScript writer wrote
      expect(Math.min(written, raw)).toBeGreaterThan(0);
    }
  });

  it('the endpoint\'s line writer over raw rows gives the same bytes, whichever engine holds them, seven rows a chunk', async () => {
    const rows = fc.sample(row, { numRuns: 2000, seed: 20261206 });
    const store = await storeWith(rows);
    for (const s of [spec(), spec({ unmasked: true, gbCode: true, lang: 'en', includeSuspect: true }), spec({ format: 'jsonl' }),
      spec({ format: 'jsonl', unmasked: true, gbCode: true, includeSuspect: true })]) {
      const { fast, js, written, raw } = await both(store, base, s, lineWriterOf(store));
      expect(fast).toBe(js);
      expect(Math.min(written, raw)).toBeGreaterThan(0);
    }
    for (const zone of ['America/New_York', 'Asia/Kathmandu'] as const) {
      const { fast, js } = await both(store, withZone(zone), spec({ from: '2026-06-01', to: '2026-06-30', format: 'jsonl' }), lineWriterOf(store));
      expect(fast).toBe(js);
    }
  });

  it('hold in zones with daylight saving time and odd offsets, inside and across a change of offset', async () => {
    const rows = fc.sample(row, { numRuns: 1500, seed: 7 });
    const store = await storeWith(rows);
    // March in New York changes offset inside the range: the JavaScript writer writes every line
    for (const [zone, from, to, byDatabase] of [['America/New_York', '2026-06-01', '2026-06-30', true], ['America/New_York', '2026-03-01', '2026-03-31', false],
      ['Asia/Kathmandu', '2026-01-01', '2026-12-31', true], ['Australia/Lord_Howe', '2026-05-01', '2026-08-31', true]] as const) {
      for (const format of ['csv', 'jsonl'] as const) {
        const { fast, js, written } = await both(store, withZone(zone), spec({ from, to, unmasked: true, format }));
        expect(fast, `${format} ${zone} ${from}…${to}`).toBe(js);
        expect(written > 0, `${format} ${zone} ${from}…${to}`).toBe(byDatabase);
      }
    }
  });

  it('plain rows of a hall on Beijing time are all written by the database, page after page', async () => {
    const n = 2 * LINE_PAGE_ROWS + 321;
    const rows = Array.from({ length: n }, (_, i) => {
      const at = T0 + Math.floor(i / 20) * DAY + (i % 20) * 1_800_000 + 123;
      return {
        id: uuidv7(at), window_id: windows[i % windows.length]!, staff_id: i % 7 ? staff[i % staff.length]! : null, channel: 'kiosk', token_kind: null,
        case_no: null, follow_up: 0, score: (i % 5) + 1, reasons: i % 5 < 2 ? JSON.stringify([codes[i % codes.length]]) : '[]',
        comment: i % 5 < 2 ? '排队时间太长，"窗口"少, =希望改进' : null, phone: i % 5 === 0 ? '13812345678' : null, suspect: 0, flags: '',
        dayN: Math.floor(i / 20), device_time: new Date(at - 5000).toISOString(), received_at: at,
      };
    });
    const store = await storeWith(rows);
    const { fast, js, pages, lines, raw } = await both(store, base, spec());
    expect(fast).toBe(js);
    // full pages and the rest: pages of 2,000 rows (PostgreSQL's store reads 500 at a time), nothing sent back raw
    const whole = [ENGINE === 'postgres' ? Math.ceil(n / 500) : 3, 0, 0];
    expect([pages, lines, raw]).toEqual(whole);
    expect(fast).toContain(',138****5678,');
    const asJson = await both(store, base, spec({ format: 'jsonl', lang: 'en' }));
    expect(asJson.fast).toBe(asJson.js);
    expect([asJson.pages, asJson.lines, asJson.raw]).toEqual(whole);
    expect(asJson.fast.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)[0]).toMatchObject({ site_id: 'demo', staff_id: null, follow_up: false });
  });

  it('pages of any size neither skip nor repeat a row, even where a day holds odd bytes', async () => {
    const rows = fc.sample(row, { numRuns: 400, seed: 3 });
    const store = await storeWith(rows);
    // days that sort among the real ones but hold the bytes the page cursor separates day and id with
    const odd = ['2026-05-01\u0001', '2026-05-01\u0000z', '2026-05-01\u0001\u0001', '2026-05-01 ', '2026-05-01'].flatMap((day, i) =>
      [0, 1, 2].map((k) => ({ ...rows[i * 3 + k]!, id: `0000000${i}-${k}000-7000-8000-000000000000`, day })));
    await store.tables.insert('responses', odd.map((r, i) => storable(stored(r, 10_000 + i))));
    for (const pageSize of [1, 7, 50]) {
      const paged = { ...store.exportRows, lines: (...a: Parameters<NonNullable<Store['exportRows']['lines']>>) => store.exportRows.lines!(a[0], a[1], a[2], a[3], pageSize) };
      for (const format of ['csv', 'jsonl'] as const) {
        const fast = await text$(exportStream({ exportRows: paged }, base, spec({ format })));
        const js = await text$(exportStream(javaScriptOnly(store), base, spec({ format })));
        expect(fast, `${format}, pages of ${pageSize}`).toBe(js);
      }
      // lines without a day cell: the cursor must see the odd days by itself
      const q = { siteId: 'demo', from: '2026-01-01', to: '2026-12-31', windowId: null, staffId: null, includeSuspect: true };
      const expected: unknown[] = [];
      for await (const page of store.exportRows.responses(q, 500)) for (const r of page) expected.push(r[0]);
      const ids: unknown[] = [];
      for await (const page of store.exportRows.lines!('responses', q, [{ kind: 'hexId', column: 'id' }], 'csv', pageSize)) {
        if (page instanceof Uint8Array) ids.push(...Buffer.from(page).toString().split('\r\n').slice(0, -1));
        else for (const item of page) ids.push(typeof item === 'string' ? item.slice(0, -2) : item[0]);
      }
      expect(ids, `ids alone, pages of ${pageSize}`).toEqual(expected);
    }
  });

  it('a configuration without staff (every staff column empty or raw) is still written by the database', async () => {
    const rows = fc.sample(row, { numRuns: 300, seed: 5 });
    const store = await storeWith(rows);
    const noStaff: KioskConfig = { ...base, staff: [] };
    for (const format of ['csv', 'jsonl'] as const) {
      const { fast, js, written } = await both(store, noStaff, spec({ format }));
      expect(fast).toBe(js);
      expect(written).toBeGreaterThan(0);
    }
  });

  it('a comment of megabytes, quoted and escaped, is written whole between ordinary rows', async () => {
    const rows = fc.sample(row, { numRuns: 200, seed: 9 });
    const long = '长评论 "引号", 逗号\n'.repeat(120_000); // 1.8 MB of UTF-8, more when quoted
    const store = await storeWith(rows.map((r, i) => (i % 50 === 7 ? { ...r, comment: long } : r)));
    for (const format of ['csv', 'jsonl'] as const) {
      const { fast, js } = await both(store, base, spec({ format, includeSuspect: true }));
      expect(fast.length).toBeGreaterThan(long.length);
      expect(fast).toBe(js);
    }
  });

  it('a site whose reason names need quoting gives the same file, written by JavaScript', async () => {
    const rows = fc.sample(row, { numRuns: 500, seed: 11 });
    const store = await storeWith(rows);
    const quoted: KioskConfig = { ...base, sites: base.sites.map((s) => (s.id === 'demo' ? { ...s, reasons: s.reasons.map((r, i) => (i ? r : { ...r, zh: '慢, "很慢"' })) } : s)) };
    for (const format of ['csv', 'jsonl'] as const) {
      const { fast, js, written } = await both(store, quoted, spec({ format }));
      expect(fast).toBe(js);
      expect(written).toBe(0);
    }
  });
});
