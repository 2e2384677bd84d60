/** Users, sessions and failed-attempt limits on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { LimitStore, SessionStore, UserStore } from '../types';
import { toUser, USER_COLS, type RawUser } from '../users';


export function sqliteUsers(c: Conn): UserStore {
  return {
    create: (u) => c.write((db) => Number(stmt(db, 'INSERT INTO users (username, role, password_hash, sites, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.username, u.role, u.passwordHash, JSON.stringify(u.sites), u.staffId, u.createdAt).lastInsertRowid)),
    count: async () => (stmt(c.read, 'SELECT count(*) AS n FROM users').get() as { n: number }).n,
    byName: async (username) => {
      const r = stmt(c.read, `SELECT ${USER_COLS} FROM users u WHERE username = ?`).get(username) as RawUser | undefined;
      return r ? toUser(r) : null;
    },
    list: async () => (stmt(c.read, `SELECT ${USER_COLS} FROM users u ORDER BY username`).all() as RawUser[]).map(toUser),
    update: (id, p, endSessions) => c.write((db) => {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (p.role) { sets.push('role = ?'); args.push(p.role); }
      if (p.sites) { sets.push('sites = ?'); args.push(JSON.stringify(p.sites)); }
      if (p.staffId !== undefined) { sets.push('staff_id = ?'); args.push(p.staffId); }
      if (p.passwordHash) { sets.push('password_hash = ?'); args.push(p.passwordHash); }
      if (p.disabledAt !== undefined) { sets.push('disabled_at = ?'); args.push(p.disabledAt); }
      if (sets.length === 0) return stmt(db, 'SELECT 1 FROM users WHERE id = ?').get(id) !== undefined;
      const changed = db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, id).changes === 1;
      if (changed && endSessions) stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(id);
      return changed;
    }),
    activeAdmins: async () => (stmt(c.read, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n,
  };
}

export function sqliteSessions(c: Conn): SessionStore {
  return {
    open: (s) => c.write((db) => {
      stmt(db, 'INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.tokenHash, s.userId, s.csrf, s.createdAt, s.expiresAt);
    }),
    find: async (hash, now) => {
      const r = stmt(c.read, `SELECT ${USER_COLS}, s.csrf AS csrf FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`).get(hash, now) as (RawUser & { csrf: string }) | undefined;
      return r ? { user: toUser(r), csrf: r.csrf } : null;
    },
    close: (hash) => c.write((db) => { stmt(db, 'DELETE FROM sessions WHERE token_hash = ?').run(hash); }),
  };
}

export function sqliteLimits(c: Conn): LimitStore {
  return {
    failures: async (scope, key, since) => (stmt(c.read, 'SELECT at FROM rate_failures WHERE scope = ? AND key = ? AND at > ? ORDER BY at')
      .all(scope, key, since) as { at: number }[]).map((r) => r.at),
    addFailure: (scope, key, at) => c.write((db) => { stmt(db, 'INSERT INTO rate_failures (scope, key, at) VALUES (?, ?, ?)').run(scope, key, at); }),
    // The write connection is held from the read to the insert: no other attempt is judged in between.
    reserve: (read, since, judge, record, at) => c.write((db) => {
      const verdict = judge(read.map((k) => (stmt(db, 'SELECT at FROM rate_failures WHERE scope = ? AND key = ? AND at > ? ORDER BY at')
        .all(k.scope, k.key, since) as { at: number }[]).map((r) => r.at)));
      if (verdict.kind === 'allowed') for (const k of record) stmt(db, 'INSERT INTO rate_failures (scope, key, at) VALUES (?, ?, ?)').run(k.scope, k.key, at);
      return verdict;
    }),
    release: (keys, at) => c.write((db) => {
      for (const k of keys) {
        stmt(db, 'DELETE FROM rate_failures WHERE id = (SELECT id FROM rate_failures WHERE scope = ? AND key = ? AND at = ? LIMIT 1)').run(k.scope, k.key, at);
      }
    }),
    clear: (scope, key) => c.write((db) => { stmt(db, 'DELETE FROM rate_failures WHERE scope = ? AND key = ?').run(scope, key); }),
    restamp: (keys, from, to) => c.write((db) => {
      for (const k of keys) {
        stmt(db, 'UPDATE rate_failures SET at = ? WHERE id = (SELECT id FROM rate_failures WHERE scope = ? AND key = ? AND at = ? LIMIT 1)').run(to, k.scope, k.key, from);
      }
    }),
    sweep: (before) => c.write((db) => stmt(db, 'DELETE FROM rate_failures WHERE at < ?').run(before).changes),
  };
}
