/**
 * The Store: every byte the endpoint keeps goes through here. Routes, services and CLIs hold a `Store`;
 * only src/server/store/** knows SQL or imports a driver (tests/server/store-boundary.test.ts enforces it).
 *
 * Engines: `store/sqlite/` (embedded, the default: DATA_DIR/kiosk.sqlite) and `store/postgres/`
 * (DATABASE_URL=postgres://…). `openStore()` picks one.
 *
 * Unit of work: `store.tx(async (t) => { … })` runs every call made through `t` in one transaction on either
 * engine and commits when the function resolves (rolls back when it throws). Inside `tx`, use `t`, never
 * `store`: a write through `store` while the same flow holds a transaction is a bug and throws.
 * Ingest runs in such a unit; its `onStored(t, row, kind, previous)` hook (src/server/ingest/ingest.ts) lets a
 * later area write derived rows (a case, an outbox entry) in the record's own transaction.
 *
 * Adding an area (e.g. `cases`):
 *   1. `store/cases.ts`: the async interface (`CasesStore`) and its row types; add `cases: CasesStore` to `Areas`
 *      in `store/types.ts`.
 *   2. `store/sqlite/cases.ts`: `export function sqliteCases(c: Conn): CasesStore` (reads on `c.read`, writes in
 *      `c.write(db => …)`), registered in `areas()` of `store/sqlite/index.ts`; tables as a new step at the end of
 *      `store/sqlite/migrations.ts` (never edit a shipped step) and the table in `TABLES` of `store/tables.ts`.
 *   3. The same under `store/postgres/` (`pgCases(c: PgConn)`, `store/postgres/migrations.ts`).
 *   4. Tests through `makeEndpoint()` (tests/server/testkit.ts) run on both engines.
 */
import type { Areas } from './types';

export type * from './types';
export type * from './rows';
export type * from './alerts';

export type Engine = 'sqlite' | 'postgres';

/** Areas bound to one transaction. */
export type Unit = Areas;

export interface Store extends Areas {
  readonly engine: Engine;
  /** Runs `fn` as one transaction; concurrent units are serialised (SQLite) or isolated (PostgreSQL). */
  tx<T>(fn: (t: Unit) => Promise<T>): Promise<T>;
  /** Touches the database; throws when it cannot be reached. */
  health(): Promise<{ engine: Engine; schemaVersion: number }>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… selects PostgreSQL; unset keeps SQLite. */
  url?: string | undefined;
  /** SQLite file (':memory:' for tests). */
  file?: string | undefined;
  /** PostgreSQL schema to work in (default public; tests use a fresh one each). */
  schema?: string | undefined;
  /** Drops the schema when the store closes (tests). */
  dropSchemaOnClose?: boolean;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number;
}

/** Opens (creating or upgrading) the store the options name. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const { openPostgresStore } = await import('./postgres/index');
    return openPostgresStore(opts.url, { schema: opts.schema, dropSchemaOnClose: opts.dropSchemaOnClose ?? false, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
  }
  if (opts.url) throw new Error(`DATABASE_URL must start with postgres:// (got "${opts.url.split(':')[0]}:")`);
  const { openSqliteStore } = await import('./sqlite/index');
  return openSqliteStore(opts.file ?? ':memory:');
}
