/** Raw rows of every table on PostgreSQL, for copying between engines, bulk loads and tests. */
import type { PgConn } from './connection';
import type { TableStore } from '../types';
import { TABLES } from '../tables';

/** Tables whose integer key the database numbers itself: after rows arrive with their own ids, the counter moves past them. */
const IDENTITY = new Set(['users', 'audit', 'vetoes', 'display_tokens', 'rate_failures', 'followup_events', 'insight_corrections', 'integration_keys']);
const IDENT = /^[a-z_][a-z0-9_]*$/;

function keyOf(table: string): string {
  const key = TABLES[table];
  if (!key) throw new Error(`store: unknown table "${table}"`);
  return key;
}

export function pgTables(c: PgConn): TableStore {
  return {
    names: () => Object.keys(TABLES),
    count: async (table) => {
      keyOf(table);
      return (await c.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;
    },
    scan: (table, after, limit) => {
      const key = keyOf(table);
      return after === null
        ? c.query(`SELECT * FROM ${table} ORDER BY ${key} LIMIT $1`, [limit])
        : c.query(`SELECT * FROM ${table} WHERE ${key} > $1 ORDER BY ${key} LIMIT $2`, [after, limit]);
    },
    insert: (table, rows) => c.write(async (q) => {
      keyOf(table);
      let n = 0;
      // Up to 65535 parameters a statement: chunk by columns × rows.
      for (let i = 0; i < rows.length;) {
        const cols = Object.keys(rows[i]!);
        if (!cols.every((x) => IDENT.test(x))) throw new Error(`store: bad column name in a row for "${table}"`);
        const per = Math.max(1, Math.floor(60_000 / cols.length));
        const chunk: Array<Record<string, unknown>> = [];
        while (i < rows.length && chunk.length < per && Object.keys(rows[i]!).join() === cols.join()) chunk.push(rows[i++]!);
        const params: unknown[] = [];
        const values = chunk.map((r) => `(${cols.map((x) => `$${params.push(r[x] ?? null)}`).join(', ')})`);
        n += (await q<{ n: number }>(`WITH ins AS (INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING 1)
          SELECT count(*) AS n FROM ins`, params))[0]!.n;
      }
      if (IDENTITY.has(table)) await q(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(coalesce(max(id), 0), 1)) FROM ${table}`);
      // A bulk load (a copy, a seed) changes the table faster than autovacuum notices: without fresh statistics the
      // planner takes a grown table for a small one and sorts every remaining row for each export page.
      if (n > 1000) await q(`ANALYZE ${table}`);
      return n;
    }),
  };
}
