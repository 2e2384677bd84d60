/**
 * The Store seam: SQL and database drivers live only under src/server/store/. Anything else holds a Store.
 * Endpoint and bench code are read as text and checked for driver imports and SQL statements.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE = join(ROOT, 'src/server/store');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return p === STORE ? [] : files(p);
    if (p === import.meta.filename) return [];
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const DRIVER = /(?:from\s+|import\(\s*|require\(\s*)['"](better-sqlite3|pg|pg-[\w-]+)['"]/;
// A statement as it is written in code: a keyword that opens SQL followed by what it acts on.
const SQL = /\b(SELECT\s+[\w*(][\s\S]{0,200}?\bFROM\s+\w|INSERT\s+(OR\s+\w+\s+)?INTO\s+\w|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\s+\w|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER)\b|DROP\s+(TABLE|TRIGGER|INDEX)\b|ALTER\s+TABLE\b|PRAGMA\s+\w|BEGIN\s+IMMEDIATE)/;

/** Files outside the store that open a driver or carry a SQL statement. */
function offenders(dirs: string[]): string[] {
  const out: string[] = [];
  for (const f of dirs.flatMap((d) => files(join(ROOT, d)))) {
    const text = readFileSync(f, 'utf8');
    const driver = text.match(DRIVER);
    const sql = text.match(SQL);
    if (driver) out.push(`${relative(ROOT, f)}: imports ${driver[1]}`);
    if (sql) out.push(`${relative(ROOT, f)}: SQL "${sql[0].slice(0, 40).replace(/\s+/g, ' ')}…"`);
  }
  return out;
}

describe('the store boundary', () => {
  it('no endpoint code outside src/server/store imports a database driver or writes SQL', () => {
    expect(offenders(['src'])).toEqual([]);
  });

  it('endpoint tests and benches read and write data through the store, not SQL', () => {
    expect(offenders(['tests/server', 'tests/bench'])).toEqual([]);
  });

  it('the check itself finds a driver import and a SQL statement', () => {
    expect('import Database from \'better-sqlite3\';').toMatch(DRIVER);
    expect("const { Pool } = await import('pg');").toMatch(DRIVER);
    expect("db.prepare('SELECT count(*) AS n FROM responses')").toMatch(SQL);
    expect('UPDATE kiosks SET revoked_at = ?').toMatch(SQL);
    expect('Select a window, then update the list.').not.toMatch(SQL);
  });
});
