import type Database from 'better-sqlite3';
import { CASES_MIGRATION_SQL } from './cases-schema';

/** The columns that open both record tables in step 1 (who made a record, where, through which channel), as that step wrote them. */
const RECORD_HEAD = `id TEXT PRIMARY KEY,
        rev INTEGER NOT NULL,
        payload_hash TEXT NOT NULL,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        staff_id TEXT,
        kiosk_id TEXT,
        channel TEXT NOT NULL,`;

/** Step 3's trigger bodies, as it wrote them: count a response's NEW row into the roll-ups… */
const ROLLUP_ADD_NEW = `        INSERT INTO rollup_daily VALUES (NEW.site_id, NEW.day, NEW.window_id, coalesce(NEW.staff_id, ''), NEW.score, NEW.suspect, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO rollup_hourly VALUES (NEW.site_id, NEW.day, NEW.window_id, coalesce(NEW.staff_id, ''), NEW.hour, NEW.weekday, NEW.suspect, 1, NEW.score <= 2)
          ON CONFLICT DO UPDATE SET n = n + 1, bad = bad + excluded.bad;
        INSERT INTO rollup_reasons SELECT NEW.site_id, NEW.day, NEW.window_id, coalesce(NEW.staff_id, ''), j.value, NEW.suspect, 1
          FROM json_each(NEW.reasons) AS j WHERE NEW.score <= 2
          ON CONFLICT DO UPDATE SET n = n + 1;
`;
/** …and take its OLD row out of them. */
const ROLLUP_REMOVE_OLD = `        UPDATE rollup_daily SET n = n - 1 WHERE site_id = OLD.site_id AND day = OLD.day AND window_id = OLD.window_id
          AND staff_id = coalesce(OLD.staff_id, '') AND score = OLD.score AND suspect = OLD.suspect;
        UPDATE rollup_hourly SET n = n - 1, bad = bad - (OLD.score <= 2) WHERE site_id = OLD.site_id AND day = OLD.day
          AND window_id = OLD.window_id AND staff_id = coalesce(OLD.staff_id, '') AND hour = OLD.hour AND suspect = OLD.suspect;
        UPDATE rollup_reasons SET n = n - 1 WHERE OLD.score <= 2 AND site_id = OLD.site_id AND day = OLD.day AND window_id = OLD.window_id
          AND staff_id = coalesce(OLD.staff_id, '') AND suspect = OLD.suspect AND reason IN (SELECT value FROM json_each(OLD.reasons));
`;

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
        ${RECORD_HEAD}
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
        ${RECORD_HEAD}
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
  // Admin: pairing codes (stored hashed, 15 minutes, used once) and an audit index for the log view.
  (db) => {
    db.exec(`
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        kiosk_id TEXT
      );
      CREATE INDEX audit_at ON audit (at);
      CREATE INDEX responses_received ON responses (received_at);
      CREATE INDEX suggestions_received ON suggestions (received_at);
    `);
  },
  // Dashboard: daily, hour-of-day and reason roll-ups kept by triggers (whoever writes responses),
  // the veto flag for star grades, display tokens for the public big screen, an index for the comment list.
  (db) => {
    db.exec(`
      CREATE TABLE rollup_daily (
        site_id TEXT NOT NULL, day TEXT NOT NULL, window_id TEXT NOT NULL, staff_id TEXT NOT NULL,
        score INTEGER NOT NULL, suspect INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, window_id, staff_id, score, suspect)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_hourly (
        site_id TEXT NOT NULL, day TEXT NOT NULL, window_id TEXT NOT NULL, staff_id TEXT NOT NULL,
        hour INTEGER NOT NULL, weekday INTEGER NOT NULL, suspect INTEGER NOT NULL, n INTEGER NOT NULL, bad INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, window_id, staff_id, hour, suspect)
      ) WITHOUT ROWID;
      CREATE TABLE rollup_reasons (
        site_id TEXT NOT NULL, day TEXT NOT NULL, window_id TEXT NOT NULL, staff_id TEXT NOT NULL,
        reason TEXT NOT NULL, suspect INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, window_id, staff_id, reason, suspect)
      ) WITHOUT ROWID;

      CREATE TRIGGER rollup_responses_insert AFTER INSERT ON responses BEGIN
${ROLLUP_ADD_NEW}      END;
      CREATE TRIGGER rollup_responses_delete AFTER DELETE ON responses BEGIN
${ROLLUP_REMOVE_OLD}      END;
      CREATE TRIGGER rollup_responses_update AFTER UPDATE OF score, suspect, staff_id, reasons, window_id, day, hour ON responses BEGIN
${ROLLUP_REMOVE_OLD}${ROLLUP_ADD_NEW}      END;

      CREATE TABLE vetoes (
        id INTEGER PRIMARY KEY,
        site_id TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ('window', 'staff')),
        subject_id TEXT NOT NULL,
        month TEXT NOT NULL,
        reason TEXT NOT NULL,
        case_id TEXT,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX vetoes_site_month ON vetoes (site_id, month);
      CREATE TABLE display_tokens (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL,
        label TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX responses_comments ON responses (site_id, day, counted_at) WHERE comment IS NOT NULL;
      INSERT INTO rollup_daily SELECT site_id, day, window_id, coalesce(staff_id, ''), score, suspect, count(*)
        FROM responses GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO rollup_hourly SELECT site_id, day, window_id, coalesce(staff_id, ''), hour, min(weekday), suspect, count(*), sum(score <= 2)
        FROM responses GROUP BY 1, 2, 3, 4, 5, 7;
      INSERT INTO rollup_reasons SELECT r.site_id, r.day, r.window_id, coalesce(r.staff_id, ''), j.value, r.suspect, count(*)
        FROM responses AS r, json_each(r.reasons) AS j WHERE r.score <= 2 GROUP BY 1, 2, 3, 4, 5, 6;
    `);
  },
  // Sync: per-kiosk sequence gaps (records a device numbered but the endpoint never received) and the
  // index that finds them; the heartbeat JSON already lives in kiosks.heartbeat.
  (db) => {
    db.exec(`
      ALTER TABLE kiosks ADD COLUMN seq_missing INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE kiosks ADD COLUMN seq_gaps TEXT NOT NULL DEFAULT '[]';
      CREATE INDEX responses_kiosk_seq ON responses (kiosk_id, seq);
      CREATE INDEX suggestions_kiosk_seq ON suggestions (kiosk_id, seq);
    `);
  },
  // QR codes: per-site signing secrets (rotatable; a retired one verifies nothing), service cases for
  // 一事一评 (rectified_at admits the one follow-up rating), and which phone rated which window when.
  (db) => {
    db.exec(`
      CREATE TABLE qr_secrets (
        kid TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER
      );
      CREATE UNIQUE INDEX qr_secrets_active ON qr_secrets (site_id) WHERE retired_at IS NULL;
      CREATE TABLE qr_cases (
        case_no TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        rectified_at INTEGER
      );
      CREATE TABLE qr_phone_ratings (
        record_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        window_id TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX qr_phone_ratings_device ON qr_phone_ratings (device_id, window_id, at);
    `);
  },
  // Store seam: roll-ups are written by ingest, summed per batch, in the batch's transaction (the per-row
  // triggers cost more than the inserts themselves); failed attempts and job leases move out of process memory.
  (db) => {
    db.exec(`
      DROP TRIGGER IF EXISTS rollup_responses_insert;
      DROP TRIGGER IF EXISTS rollup_responses_delete;
      DROP TRIGGER IF EXISTS rollup_responses_update;
      CREATE TABLE rate_failures (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX rate_failures_key ON rate_failures (scope, key, at);
      CREATE INDEX rate_failures_at ON rate_failures (at);
      CREATE TABLE job_leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `);
  },
  // Follow-up (差评闭环): cases, their timeline, per-month serials, excluded ratings; vetoes can be lifted.
  (db) => {
    db.exec(CASES_MIGRATION_SQL);
  },
  // Insights: supervisors' corrections of comment categories, one row per correction (the latest per comment wins).
  (db) => {
    db.exec(`
      CREATE TABLE insight_corrections (
        id INTEGER PRIMARY KEY,
        site_id TEXT NOT NULL,
        comment_id TEXT NOT NULL,
        categories TEXT NOT NULL,
        previous TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX insight_corrections_site ON insight_corrections (site_id, comment_id, id);
    `);
  },
  // Hardening: which phone made a record (a phone's records are its own), and what each QR rating carried
  // (score, code, client address) for the misuse rules of src/shared/qr-burst.ts.
  (db) => {
    db.exec(`
      ALTER TABLE responses ADD COLUMN device_id TEXT;
      ALTER TABLE suggestions ADD COLUMN device_id TEXT;
      ALTER TABLE qr_phone_ratings ADD COLUMN score INTEGER;
      ALTER TABLE qr_phone_ratings ADD COLUMN token_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE qr_phone_ratings ADD COLUMN address TEXT;
      CREATE INDEX qr_phone_ratings_window ON qr_phone_ratings (window_id, at);
      CREATE INDEX qr_phone_ratings_token ON qr_phone_ratings (token_id);
    `);
  },
  // Kiosk names: given at pairing (the fleet view tells tablets apart by them); NULL shows the window's number and name.
  (db) => {
    db.exec(`
      ALTER TABLE pairing_codes ADD COLUMN name TEXT;
      ALTER TABLE kiosks ADD COLUMN name TEXT;
    `);
  },
  // Alerts: the bell's alerts, the notification outbox (queue order = seq), report runs and alert channels.
  (db) => {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        site_id TEXT NOT NULL,
        window_id TEXT,
        kiosk_id TEXT,
        facts TEXT NOT NULL,
        link TEXT NOT NULL,
        raised_at INTEGER NOT NULL,
        closed_at INTEGER,
        acked_at INTEGER,
        acked_by TEXT,
        ack_comment TEXT
      );
      CREATE UNIQUE INDEX alerts_open_key ON alerts (key) WHERE closed_at IS NULL;
      CREATE INDEX alerts_site ON alerts (site_id, raised_at);
      CREATE TABLE alert_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        channel_id TEXT NOT NULL,
        message TEXT NOT NULL,
        since INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        batch_id TEXT,
        status TEXT NOT NULL,
        last_error TEXT,
        answer TEXT
      );
      CREATE INDEX alert_outbox_status ON alert_outbox (status, seq);
      CREATE TABLE report_runs (
        job TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE alert_channels (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        url TEXT,
        secret TEXT,
        recipients TEXT,
        lang TEXT NOT NULL,
        kinds TEXT,
        created_at INTEGER NOT NULL
      );
    `);
  },
  // Integration keys: a queue or receipt system issues case codes for one hall with a key of its own (stored hashed).
  (db) => {
    db.exec(`
      CREATE TABLE integration_keys (
        id INTEGER PRIMARY KEY,
        key_hash TEXT NOT NULL UNIQUE,
        site_id TEXT NOT NULL,
        label TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
    `);
  },
  // The bad-streak rule reads a window's latest ratings at every stored rating: an index in that order, so it does
  // not sort the window's whole history (with 200,000 rows a sync of 200 took longer than the kiosk's timeout).
  (db) => {
    db.exec('CREATE INDEX responses_window_received ON responses (window_id, suspect, received_at, id)');
  },
  // QR misuse is judged by arrival too: a script that makes up its ratings' times still sends them now.
  (db) => {
    db.exec(`
      ALTER TABLE qr_phone_ratings ADD COLUMN received_at INTEGER;
      CREATE INDEX qr_phone_ratings_arrival ON qr_phone_ratings (window_id, received_at);
    `);
  },
  // A kiosk rates its own window: the windows it showed before a Move are kept, so ratings queued there still land.
  (db) => {
    db.exec(`ALTER TABLE kiosks ADD COLUMN past_windows TEXT NOT NULL DEFAULT '[]'`);
  },
  // An overdue alert is keyed by its deadline (case_overdue:<number>:callback or :due): one raised under the old key of
  // the case alone is named by when it was raised, so the deadline pass does not raise it again after the upgrade.
  (db) => {
    db.exec(`
      UPDATE alerts SET key = key || CASE
        WHEN raised_at >= COALESCE((SELECT due_at FROM followup_cases f WHERE f.number = substr(alerts.key, 14)), 0) THEN ':due'
        ELSE ':callback' END
      WHERE kind = 'case_overdue' AND instr(substr(key, 14), ':') = 0;
    `);
  },
];
