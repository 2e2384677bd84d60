/**
 * A CSV or JSON Lines export whose lines the store writes (SQLite in SQL, PostgreSQL's store with a line writer compiled
 * from the same cells) is byte for byte the export the JavaScript writer gives: for odd text,
 * formula signs, masked and clear phones, damaged reason lists, device times in any form, zones with and without
 * daylight saving time; and plain rows really are written by the database.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Store } from '../../src/server/store';
import type { KioskConfig } from '../../src/shared/config';
import { exportStream, LINE_PAGE_ROWS, type ExportSpec } from '../../src/server/export/run';
import { linesOfRows } from '../../src/server/store/line-writer';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS } from '../../src/server/store/export-rows';
import { ENGINE } from './testkit';
import { base, plainRows, row, storable, stored, storeWith } from './export-rows-kit';

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
    const rows = plainRows(n, '排队时间太长，"窗口"少, =希望改进');
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
