/** Raw rows of every table on SQLite, for copying between engines, bulk loads and tests. */
import type { Statement } from 'better-sqlite3';
import type { Conn } from './connection';
import type { TableStore } from '../types';

/**
 * Every table that holds data of its own, with its primary key, in an order that satisfies references.
 * The roll-up tables are derived: they are rebuilt from responses, not copied.
 */
export const TABLES: Readonly<Record<string, string>> = {
  users: 'id', sessions: 'token_hash', kiosks: 'id', responses: 'id', suggestions: 'id', audit: 'id', settings: 'key',
  pairing_codes: 'code_hash', vetoes: 'id', display_tokens: 'id', qr_secrets: 'kid', qr_cases: 'case_no',
  qr_phone_ratings: 'record_id', rate_failures: 'id', job_leases: 'name',
  alerts: 'id', alert_outbox: 'seq', report_runs: 'job', alert_channels: 'id',
  insight_corrections: 'id', followup_cases: 'number', followup_events: 'id', followup_serials: 'id', rating_exclusions: 'response_id',
};

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
