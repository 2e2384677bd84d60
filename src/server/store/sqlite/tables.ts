/** Raw rows of every table on SQLite, for copying between engines, bulk loads and tests. */
import type { Statement } from 'better-sqlite3';
import type { Conn } from './connection';
import type { TableStore } from '../types';
import { TABLES } from '../tables';


function keyOf(table: string): string {
  const key = TABLES[table];
  if (!key) throw new Error(`store: unknown table "${table}"`);
  return key;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

export function sqliteTables(c: Conn): TableStore {
  return {
    names: () => Object.keys(TABLES),
    count: async (table) => {
      keyOf(table);
      return (c.read.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    scan: async (table, after, limit) => {
      const key = keyOf(table);
      const sql = `SELECT * FROM ${table}${after === null ? '' : ` WHERE ${key} > ?`} ORDER BY ${key} LIMIT ?`;
      return c.read.prepare(sql).all(...(after === null ? [] : [after]), limit) as Array<Record<string, unknown>>;
    },
    insert: (table, rows) => c.write((db) => {
      keyOf(table);
      let n = 0;
      const bySet = new Map<string, Statement<unknown[]>>();
      for (const row of rows) {
        const cols = Object.keys(row);
        if (!cols.every((x) => IDENT.test(x))) throw new Error(`store: bad column name in a row for "${table}"`);
        const sig = cols.join(',');
        let s = bySet.get(sig);
        if (!s) bySet.set(sig, (s = db.prepare(`INSERT INTO ${table} (${sig}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`)));
        n += s.run(...cols.map((x) => row[x])).changes;
      }
      return n;
    }),
  };
}
