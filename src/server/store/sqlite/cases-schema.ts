/** The follow-up tables on SQLite (a migration step at the end of the ladder). */

export const CASES_MIGRATION_SQL = `
  CREATE TABLE followup_cases (
    number TEXT PRIMARY KEY,
    site_id TEXT NOT NULL, window_id TEXT NOT NULL, staff_id TEXT,
    kind TEXT NOT NULL, source_kind TEXT NOT NULL, source_id TEXT NOT NULL,
    category TEXT NOT NULL, state TEXT NOT NULL, assignee TEXT,
    needs_callback INTEGER NOT NULL, founded INTEGER, call_attempts INTEGER NOT NULL DEFAULT 0, call_outcome TEXT,
    appeal TEXT NOT NULL DEFAULT 'none', score INTEGER,
    opened_at INTEGER NOT NULL, callback_due_at INTEGER, due_at INTEGER NOT NULL, next_due_at INTEGER,
    verified_at INTEGER, called_back_at INTEGER, rectified_at INTEGER, answered_at INTEGER, closed_at INTEGER,
    answer TEXT, track_hash TEXT UNIQUE, qr_case_no TEXT,
    UNIQUE (source_kind, source_id)
  );
  CREATE INDEX followup_cases_site_due ON followup_cases (site_id, next_due_at);
  CREATE INDEX followup_cases_site_opened ON followup_cases (site_id, opened_at);
  CREATE INDEX followup_cases_assignee ON followup_cases (assignee);
  CREATE TABLE followup_events (
    id INTEGER PRIMARY KEY,
    case_number TEXT NOT NULL REFERENCES followup_cases (number),
    seq INTEGER NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    from_state TEXT NOT NULL, to_state TEXT NOT NULL, note TEXT, detail TEXT NOT NULL DEFAULT '{}',
    UNIQUE (case_number, seq)
  );
  -- One counter per site and month, keyed 'demo/2026-11'.
  CREATE TABLE followup_serials (id TEXT PRIMARY KEY, n INTEGER NOT NULL);
  CREATE TABLE rating_exclusions (
    response_id TEXT PRIMARY KEY, reason TEXT NOT NULL, case_number TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL
  );
  ALTER TABLE vetoes ADD COLUMN lifted_at INTEGER;
  ALTER TABLE vetoes ADD COLUMN lifted_by TEXT;
  ALTER TABLE vetoes ADD COLUMN lift_reason TEXT;
`;
