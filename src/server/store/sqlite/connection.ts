/**
 * Embedded SQLite: one file, WAL, a write connection whose transactions are serialised by an async mutex,
 * and a second connection for reads (a file database only; ':memory:' has one connection).
 */
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** What an area implementation uses: reads on `read`, every write through `write`. */
export interface Conn {
  read: Db;
  /**
   * Long reads that pass over many rows once (exports): a connection of their own with a 1 MB page cache, as a
   * scan gains nothing from keeping the pages it has passed, so a 1M-row export does not grow the process by the
   * reader's 16 MB cache. Each page is its own read transaction, so exports may share it.
   */
  scan: Db;
  /** Runs `fn` on the write connection: inside a unit of work as part of it, else as its own transaction. */
  write<T>(fn: (db: Db) => T): Promise<T>;
}

/** Prepared statements per connection: preparing one costs more than running it. */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** One holder at a time, in arrival order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => { release = r; });
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}

function open(file: string, readonly: boolean): Db {
  const db = new Database(file, { readonly });
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, fast commits
  db.pragma('busy_timeout = 5000'); // another process's write waits rather than failing
  db.pragma('foreign_keys = ON');
  return db;
}

/** Applies every migration above the stored user_version, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

export interface Connections {
  writer: Db;
  reader: Db;
  /** The unit-of-work connection view and the top-level one. */
  top: Conn;
  unit: Conn;
  /** Runs `fn` holding the write lock inside BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * The database holds citizens' phone numbers, password hashes and the QR signing secrets: its file is the service
 * user's alone (0600; SQLite gives its -wal and -shm files the database file's mode), and a directory made for it 0700.
 * An empty file is an empty database.
 */
export function privateDatabaseFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        chmodSync(f, 0o600); // a database written before this rule, and its WAL and shared memory if a crash left them
      } catch {
        // absent, or not ours to change (another user's file): left as it is
      }
    }
  }
}

/** Opens (creates, upgrades) the database file; ':memory:' for tests. */
export function connect(file: string): Connections {
  const memory = file === ':memory:';
  if (!memory) privateDatabaseFile(file);
  const writer = open(file, false);
  migrate(writer);
  const reader = memory ? writer : open(file, true);
  const scan = memory ? writer : open(file, true);
  if (!memory) scan.pragma('cache_size = -1024');
  const mutex = new Mutex();
  const inUnit = new AsyncLocalStorage<true>();

  const transaction = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (inUnit.getStore()) throw new Error('store: tx() inside tx(); use the unit of work you were given');
    const release = await mutex.lock();
    try {
      writer.exec('BEGIN IMMEDIATE');
      try {
        const out = await inUnit.run(true, fn);
        writer.exec('COMMIT');
        return out;
      } catch (e) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
  };

  const top: Conn = {
    read: reader,
    scan,
    write: async (fn) => {
      if (inUnit.getStore()) throw new Error('store: a write through the store inside tx(); write through the unit of work');
      const release = await mutex.lock();
      try {
        return writer.transaction(fn).immediate(writer);
      } finally {
        release();
      }
    },
  };
  // Inside a unit the lock is held: reads see the unit's own writes, writes join its transaction.
  const unit: Conn = { read: writer, scan: writer, write: async (fn) => fn(writer) };

  return {
    writer, reader, top, unit, transaction,
    close: () => {
      if (reader !== writer) reader.close();
      if (scan !== writer) scan.close();
      writer.close();
    },
  };
}
