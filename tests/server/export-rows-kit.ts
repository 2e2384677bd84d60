/**
 * Response rows for export tests, as fast-check generators: mostly what kiosks send, and odd text, damaged reason lists,
 * device times in any form and times out of range beside them; stored in a fresh store of the engine under test.
 */
import fc from 'fast-check';
import type { Store } from '../../src/server/store';
import { loadConfig } from '../../src/server/config/load';
import { uuidv7 } from '../../src/shared/ids';
import { CONFIG_DIR, ENGINE, freshStore } from './testkit';

export const base = loadConfig(CONFIG_DIR);
export const demo = base.sites.find((s) => s.id === 'demo')!;
export const codes = demo.reasons.map((r) => r.code);
export const windows = base.windows.filter((w) => w.siteId === 'demo').map((w) => w.id);
export const staff = base.staff.filter((s) => s.siteId === 'demo').map((s) => s.id);

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const odd = ['=1+1', ' =x', '\u3000＝x', '＋86', '-3', '@a', 'a,b', 'say "hi"', 'a\nb', 'a\r\nb', '\tx', '', '01', ' lead', 'trail ', 'a\u0000b', '中文，逗号', '😀', 'x_x0041_',
  'back\\slash', 'ctl\u0001\u001f', 'bs\b\f', 'ls\u2028ps\u2029', 'del\u007f', '\ud83d\ude00\u0301'];
export const text = (plain: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...odd) }, { weight: 1, arbitrary: fc.string() });
export const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });
export const instant = fc.integer({ min: T0 - 400 * DAY, max: T0 + 800 * DAY });
export const deviceTime = fc.oneof(
  { weight: 8, arbitrary: instant.map((ms) => new Date(ms).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30T01:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-03-08T07:30:00.000+08:00', '2026-03-08T07:30:00Z', '1999-12-31T23:59:59.999Z', '0999-01-01T00:00:00.000Z') },
);
export const reasons = fc.oneof(
  { weight: 6, arbitrary: fc.constant('[]') },
  { weight: 4, arbitrary: fc.subarray(codes, { minLength: 1 }).map((c) => JSON.stringify(c)) },
  { weight: 1, arbitrary: fc.constantFrom('["unknown_code"]', '[1]', '["a",[1]]', '["a,b"]', '[ "slow" ]', '["中"]', '[""]', '["",""]', '["-x"]', '["a","b\\u0041"]', '["a",1,"b"]') },
);

export const row = fc.record({
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
export type Generated = Record<string, unknown> & { dayN: number; onTime?: { at: number; sentAfter: number } | null };

/** A stored response row of a generated one; `day` given as is, or the row's day of the year. */
export function stored({ onTime, dayN, ...r }: Generated & { day?: string }, seq: number): Record<string, unknown> {
  const timing = onTime ? { received_at: T0 + dayN * DAY + onTime.at, device_time: new Date(T0 + dayN * DAY + onTime.at - onTime.sentAfter).toISOString() } : {};
  return {
    day: new Date(T0 + dayN * DAY).toISOString().slice(0, 10), ...r, ...timing,
    rev: 0, payload_hash: 'x', site_id: 'demo', kiosk_id: 'k', scale: 5, counted_at: 0, hour: 10, weekday: 0, seq,
  };
}

/** PostgreSQL holds no NUL byte in text and only whole numbers in BIGINT: there odd texts carry a byte 1 instead, odd times are whole. */
export const storable = (r: Record<string, unknown>) => (ENGINE === 'postgres'
  ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('\u0000', '\u0001') : typeof v === 'number' ? Math.trunc(v) : v]))
  : r);

/** A fresh store of the engine under test holding the rows, closed when the test ends. */
export async function storeWith(rows: ReadonlyArray<Generated>): Promise<Store> {
  const store = await freshStore();
  await store.tables.insert('responses', rows.map((r, i) => storable(stored(r, i + 1))));
  return store;
}


/** Plain rows as kiosks send them: Beijing time, known windows and staff, a bad review with `comment` now and then. */
export function plainRows(n: number, comment: string): Generated[] {
  return Array.from({ length: n }, (_, i) => {
    const at = T0 + Math.floor(i / 20) * DAY + (i % 20) * 1_800_000 + 123;
    return {
      id: uuidv7(at), window_id: windows[i % windows.length]!, staff_id: i % 7 ? staff[i % staff.length]! : null, channel: 'kiosk', token_kind: null,
      case_no: null, follow_up: 0, score: (i % 5) + 1, reasons: i % 5 < 2 ? JSON.stringify([codes[i % codes.length]]) : '[]',
      comment: i % 5 < 2 ? comment : null, phone: i % 5 === 0 ? '13812345678' : null, suspect: 0, flags: '',
      dayN: Math.floor(i / 20), device_time: new Date(at - 5000).toISOString(), received_at: at,
    };
  });
}
