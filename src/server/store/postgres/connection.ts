/**
 * PostgreSQL through a pg Pool: every connection works in one schema (search_path), a unit of work holds one
 * pooled client from BEGIN to COMMIT, and migrations run at start under an advisory lock.
 */
import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import { MIGRATIONS } from './migrations';

/** Runs one statement; rows come back with BIGINT and NUMERIC as numbers (times in ms, counts). */
export type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/** What an area implementation uses: reads through `query`, every write through `write`. */
export interface PgConn {
  query: Query;
  /** Reads rows as arrays in the statement's column order (no object a row: exports). */
  arrays(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Runs `fn` inside the current unit of work, or in a transaction of its own. */
  write<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  /** One writing statement: inside the current unit of work, or on its own (atomic by itself, no BEGIN/COMMIT round trips). */
  writeOne<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

const asNumber = (v: string) => Number(v);
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return asNumber; // int8, numeric: ms timestamps and sums stay far below 2^53
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** SQL identifiers the store makes itself (schema names); anything else is refused. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`store: bad PostgreSQL identifier "${name}"`);
  return `"${name}"`;
}

function queryOf(c: pg.Pool | pg.PoolClient): Query {
  return async <R>(sql: string, params?: readonly unknown[]) => (await c.query(sql, params as unknown[] | undefined)).rows as R[];
}
/** Export statements by text: a few dozen at most (table, filter, first page or next). */
const PREPARED_MAX = 64;
const prepared = new Map<string, string>();
let preparedCount = 0;
/**
 * The name an export statement is prepared under on each connection, so its pages (2,000 statements for 1M rows)
 * are parsed and planned once: a 1M-row CSV export took 5.5 s instead of 6.2–7.0 s. Past PREPARED_MAX texts the
 * statement goes unnamed. A pooler in transaction mode must pass protocol-level prepared statements on
 * (PgBouncer 1.21+: max_prepared_statements).
 */
function preparedName(sql: string): string | undefined {
  let name = prepared.get(sql);
  if (name === undefined && prepared.size < PREPARED_MAX) prepared.set(sql, name = `export_${preparedCount++}`);
  return name;
}
function arraysOf(c: pg.Pool | pg.PoolClient): PgConn['arrays'] {
  const run = (sql: string, params?: readonly unknown[]) =>
    c.query<unknown[]>({ name: preparedName(sql), text: sql, values: params as unknown[] | undefined, rowMode: 'array' });
  return async (sql, params) => {
    try {
      return (await run(sql, params)).rows;
    } catch (e) {
      // "cached plan must not change result type": another process changed a column the statement reads (a rolling
      // upgrade's migration). PostgreSQL keeps refusing that prepared statement, so it is prepared again under a new name.
      if ((e as { code?: string }).code !== '0A000' || !prepared.has(sql)) throw e;
      prepared.delete(sql);
      return (await run(sql, params)).rows;
    }
  };
}

// Deadlocks and serialisation failures are safe to retry: the whole unit rolled back.
const RETRY = new Set(['40P01', '40001']);

export interface PgConnections {
  pool: pg.Pool;
  top: PgConn;
  transaction<T>(fn: (unit: PgConn) => Promise<T>): Promise<T>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** The advisory lock key of a schema: processes migrating the same schema wait for each other, others do not. */
function lockKey(schema: string): number {
  let h = 0x6b696f73;
  for (const ch of schema) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** Opens a pool on `url` working in `schema` (created when missing) and brings the schema up to date. */
export async function connectPg(url: string, schema: string, opts: { max?: number; dropOnClose?: boolean } = {}): Promise<PgConnections> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    // CREATE SCHEMA IF NOT EXISTS is not safe against a second process doing the same at the same moment (it can
    // fail on pg_namespace's unique index): processes starting together take the schema's lock for it, in turn.
    await setup.query('SELECT pg_advisory_lock($1)', [lockKey(schema)]);
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  } finally {
    await setup.end(); // ends the session, and with it the session-level lock
  }
  const pool = new pg.Pool({
    connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 10_000, types,
    options: `-c search_path=${ident(schema)}`, application_name: appName(schema),
  });
  // One line, as the logs are: pg's error carries its whole client object (about 90 lines a connection).
  pool.on('error', (e: Error & { code?: string }) => console.error(`PostgreSQL pool: an idle connection failed: ${e.message}${e.code ? ` (${e.code})` : ''}`));
  const end = async () => {
    // pool.end() waits for every client to come back; one held by a unit that never settles must not keep the schema.
    await Promise.race([pool.end(), new Promise((ok) => setTimeout(ok, 5_000).unref())]);
    if (opts.dropOnClose) await dropSchema(url, schema);
  };
  try {
    await migrate(pool, lockKey(schema));
  } catch (e) {
    await end();
    throw e;
  }
  const inUnit = new AsyncLocalStorage<true>();

  const run = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      // A connection lost while the unit awaits other work (no query running) reports here, not as a crash;
      // the unit's next query or COMMIT fails and rolls it back.
      const lost = () => { broken = true; };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone; the pool drops it below
        }
        if (attempt < 4 && RETRY.has((e as { code?: string }).code ?? '')) continue;
        throw e;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  };

  const top: PgConn = {
    query: queryOf(pool),
    arrays: arraysOf(pool),
    write: (fn) => {
      if (inUnit.getStore()) throw new Error('store: a write through the store inside tx(); write through the unit of work');
      return run((c) => fn(queryOf(c)));
    },
    writeOne: (sql, params) => {
      if (inUnit.getStore()) throw new Error('store: a write through the store inside tx(); write through the unit of work');
      return queryOf(pool)(sql, params);
    },
  };

  return {
    pool, top,
    transaction: (fn) => {
      if (inUnit.getStore()) throw new Error('store: tx() inside tx(); use the unit of work you were given');
      return run((c) => {
        const q = queryOf(c);
        return inUnit.run(true, () => fn({ query: q, arrays: arraysOf(c), write: (f) => f(q), writeOne: q }));
      });
    },
    schemaVersion: async () => Number((await pool.query('SELECT max(version) AS v FROM store_schema')).rows[0]?.v ?? 0),
    close: end,
  };
}

/** What this store's connections call themselves in pg_stat_activity. */
const appName = (schema: string) => `kiosk:${schema}`.slice(0, 63);

/** Drops a schema the store made for itself (tests), first ending any of its own sessions still open on it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, async (c) => {
    // Only sessions holding work (a unit that never finished); idle ones are on their way out with the pool.
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid() AND state <> 'idle'`, [appName(schema)]);
    await c.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
  });
}

/** Runs `fn` on a connection of its own (no pool, no schema), closed afterwards whatever happens. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Applies every step above the stored version, each in its own transaction, holding the advisory lock. */
async function migrate(pool: pg.Pool, key: number): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [key]);
    await c.query('CREATE TABLE IF NOT EXISTS store_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const current = Number((await c.query('SELECT coalesce(max(version), 0) AS v FROM store_schema')).rows[0].v);
    for (let v = current; v < MIGRATIONS.length; v++) {
      await c.query('BEGIN');
      try {
        await c.query(MIGRATIONS[v]!);
        await c.query('INSERT INTO store_schema (version, applied_at) VALUES ($1, $2)', [v + 1, Date.now()]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    // A failed unlock means a dead connection; dropping it from the pool ends the session and its lock.
    const unlocked = await c.query('SELECT pg_advisory_unlock($1)', [key]).then(() => true, () => false);
    c.release(!unlocked);
  }
}
