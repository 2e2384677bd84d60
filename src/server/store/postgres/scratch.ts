/**
 * Scratch schemas (tests, benches): each named with the time it was made, dropped when its store closes, and
 * swept by a later run when the one that made it died first (a killed worker, a timed-out hook).
 */
import { randomBytes } from 'node:crypto';
import { ident, withClient } from './connection';

export { dropSchema } from './connection';

const SCRATCH = /^([a-z]+)_([0-9a-z]{8,9})_[0-9a-f]{8}$/;

/** `t_<ms in base 36>_<random>`: a fresh schema name that says when it was made. */
export function scratchSchema(prefix: string, now = Date.now()): string {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`store: bad scratch schema prefix "${prefix}"`);
  return `${prefix}_${now.toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** When a scratch schema was made, from its name; null when the name does not say. */
export function scratchMadeAt(name: string): number | null {
  const m = SCRATCH.exec(name);
  return m ? parseInt(m[2]!, 36) : null;
}

/** The schemas named `<prefix>_…`. */
export async function scratchSchemas(url: string, prefix: string): Promise<string[]> {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`store: bad scratch schema prefix "${prefix}"`);
  return withClient(url, async (c) =>
    (await c.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1', [`${prefix}_`])).rows.map((r) => r.name));
}

/**
 * Drops the schemas named `<prefix>_…` made before `before`: by the time in the name, or for older names by
 * their first migration (a schema that says neither is left alone: it may be one being made right now).
 */
export async function dropStaleScratch(url: string, prefix: string, before: number): Promise<string[]> {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`store: bad scratch schema prefix "${prefix}"`);
  return withClient(url, async (c) => {
    await c.query("SET lock_timeout = '5s'"); // a schema still in use is skipped, not waited for
    const names = (await c.query<{ name: string; migrated: boolean }>(`SELECT nspname AS name, to_regclass(quote_ident(nspname) || '.store_schema') IS NOT NULL AS migrated
      FROM pg_namespace WHERE starts_with(nspname, $1)`, [`${prefix}_`])).rows;
    const dropped: string[] = [];
    for (const { name, migrated } of names) {
      let made = scratchMadeAt(name);
      if (made === null && migrated) made = Number((await c.query(`SELECT min(applied_at) AS at FROM ${ident(name)}.store_schema`)).rows[0]?.at ?? NaN);
      if (made === null || !(made < before)) continue;
      const ok = await c.query(`DROP SCHEMA IF EXISTS ${ident(name)} CASCADE`).then(() => true, (e: { code?: string }) => {
        if (e.code === '55P03' || e.code === '40P01') return false; // locked by a live session: the next sweep takes it
        throw e;
      });
      if (ok) dropped.push(name);
    }
    return dropped;
  });
}

/**
 * Changes a column's type in a scratch schema from a connection of its own, as a newer release's migration run by
 * another process would during a rolling upgrade (tests of what the running process then does).
 */
export async function alterScratchColumn(url: string, schema: string, table: string, column: string, type: 'text' | 'varchar(200)' | 'bigint' | 'integer'): Promise<void> {
  await withClient(url, (c) => c.query(`ALTER TABLE ${ident(schema)}.${ident(table)} ALTER COLUMN ${ident(column)} TYPE ${type}`));
}
