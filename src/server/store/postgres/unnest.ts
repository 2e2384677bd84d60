/** Many rows in one statement: each column sent as one typed array and turned back into rows by unnest(). */

export type Column = readonly [name: string, type: 'text' | 'int' | 'bigint'];

/** `SELECT * FROM unnest($1::text[], …) AS u(cols…)` and its parameters, for `rows` over `cols`. */
export function unnest<Row>(cols: readonly Column[], rows: readonly Row[], first = 1): { sql: string; params: unknown[] } {
  const params = cols.map(([name]) => rows.map((r) => (r as Record<string, unknown>)[name] ?? null));
  const args = cols.map(([, type], i) => `$${first + i}::${type}[]`).join(', ');
  return { sql: `SELECT * FROM unnest(${args}) AS u(${cols.map(([n]) => n).join(', ')})`, params };
}

export const RESPONSE_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['rev', 'int'], ['payload_hash', 'text'], ['site_id', 'text'], ['window_id', 'text'], ['staff_id', 'text'],
  ['kiosk_id', 'text'], ['channel', 'text'], ['token_kind', 'text'], ['case_no', 'text'], ['follow_up', 'int'], ['score', 'int'],
  ['scale', 'int'], ['reasons', 'text'], ['comment', 'text'], ['phone', 'text'], ['device_time', 'text'], ['received_at', 'bigint'],
  ['counted_at', 'bigint'], ['day', 'text'], ['hour', 'int'], ['weekday', 'int'], ['seq', 'bigint'], ['suspect', 'int'], ['flags', 'text'],
];

export const SUGGESTION_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['rev', 'int'], ['payload_hash', 'text'], ['site_id', 'text'], ['window_id', 'text'], ['staff_id', 'text'],
  ['kiosk_id', 'text'], ['channel', 'text'], ['category', 'text'], ['text', 'text'], ['contact', 'text'], ['device_time', 'text'],
  ['received_at', 'bigint'], ['counted_at', 'bigint'], ['day', 'text'], ['seq', 'bigint'], ['flags', 'text'],
];

const names = (cols: readonly Column[]) => cols.map(([n]) => n).join(', ');

/** INSERT … SELECT FROM unnest(…) ON CONFLICT (id) DO NOTHING RETURNING id. */
export function insertIgnoring<Row>(table: string, cols: readonly Column[], rows: readonly Row[]): { sql: string; params: unknown[] } {
  const u = unnest(cols, rows);
  return { sql: `INSERT INTO ${table} (${names(cols)}) ${u.sql} ON CONFLICT (id) DO NOTHING RETURNING id`, params: u.params };
}
