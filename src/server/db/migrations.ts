import type Database from 'better-sqlite3';

/** Migration ladder: index i upgrades user_version i → i+1. Never edit a step once shipped. */
export const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE kiosks (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_seen_at INTEGER,
        last_seq INTEGER,
        heartbeat TEXT
      );
      CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        rev INTEGER NOT NULL,
        payload_hash TEXT NOT NULL,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        staff_id TEXT,
        kiosk_id TEXT,
        channel TEXT NOT NULL,
        token_kind TEXT,
        case_no TEXT,
        follow_up INTEGER NOT NULL DEFAULT 0,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        scale INTEGER NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        comment TEXT,
        phone TEXT,
        device_time TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        counted_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        hour INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        seq INTEGER,
        suspect INTEGER NOT NULL DEFAULT 0,
        flags TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX responses_site_day ON responses (site_id, day, id);
      CREATE INDEX responses_window_day ON responses (window_id, day);
      CREATE UNIQUE INDEX responses_first_case ON responses (case_no, follow_up) WHERE case_no IS NOT NULL;
      CREATE TABLE suggestions (
        id TEXT PRIMARY KEY,
        rev INTEGER NOT NULL,
        payload_hash TEXT NOT NULL,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        staff_id TEXT,
        kiosk_id TEXT,
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        contact TEXT,
        device_time TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        counted_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        seq INTEGER,
        flags TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX suggestions_site_day ON suggestions (site_id, day);
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'staff')),
        password_hash TEXT NOT NULL,
        sites TEXT NOT NULL DEFAULT '[]',
        staff_id TEXT,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        address TEXT
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
];
