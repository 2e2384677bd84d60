/** Users, sessions and failed-attempt limits on PostgreSQL. */
import type { PgConn } from './connection';
import type { LimitStore, SessionStore, UserStore } from '../types';
import { toUser, USER_COLS, type RawUser } from '../users';


export function pgUsers(c: PgConn): UserStore {
  return {
    create: (u) => c.write(async (q) => (await q<{ id: number }>('INSERT INTO users (username, role, password_hash, sites, staff_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [u.username, u.role, u.passwordHash, JSON.stringify(u.sites), u.staffId, u.createdAt]))[0]!.id),
    count: async () => (await c.query<{ n: number }>('SELECT count(*) AS n FROM users'))[0]!.n,
    byName: async (username) => {
      const r = (await c.query<RawUser>(`SELECT ${USER_COLS} FROM users u WHERE username = $1`, [username]))[0];
      return r ? toUser(r) : null;
    },
    list: async () => (await c.query<RawUser>(`SELECT ${USER_COLS} FROM users u ORDER BY username`)).map(toUser),
    update: (id, p, endSessions) => c.write(async (q) => {
      const sets: string[] = [];
      const args: unknown[] = [];
      const set = (col: string, v: unknown) => sets.push(`${col} = $${args.push(v)}`);
      if (p.role) set('role', p.role);
      if (p.sites) set('sites', JSON.stringify(p.sites));
      if (p.staffId !== undefined) set('staff_id', p.staffId);
      if (p.passwordHash) set('password_hash', p.passwordHash);
      if (p.disabledAt !== undefined) set('disabled_at', p.disabledAt);
      if (sets.length === 0) return (await q('SELECT 1 FROM users WHERE id = $1', [id])).length === 1;
      const changed = (await q(`UPDATE users SET ${sets.join(', ')} WHERE id = $${args.push(id)} RETURNING id`, args)).length === 1;
      if (changed && endSessions) await q('DELETE FROM sessions WHERE user_id = $1', [id]);
      return changed;
    }),
    activeAdmins: async () => (await c.query<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL"))[0]!.n,
  };
}

export function pgSessions(c: PgConn): SessionStore {
  return {
    open: (s) => c.write(async (q) => {
      await q('INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [s.tokenHash, s.userId, s.csrf, s.createdAt, s.expiresAt]);
    }),
    find: async (hash, now) => {
      const r = (await c.query<RawUser & { csrf: string }>(`SELECT ${USER_COLS}, s.csrf AS csrf FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`, [hash, now]))[0];
      return r ? { user: toUser(r), csrf: r.csrf } : null;
    },
    close: (hash) => c.write(async (q) => { await q('DELETE FROM sessions WHERE token_hash = $1', [hash]); }),
  };
}

/** PostgreSQL text holds no NUL, which callers may use inside keys: NUL is stored as the two characters \0, backslash doubled. */
const pgKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\u0000/g, '\\0');

export function pgLimits(c: PgConn): LimitStore {
  return {
    failures: async (scope, key, since) => (await c.query<{ at: number }>('SELECT at FROM rate_failures WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at',
      [scope, pgKey(key), since])).map((r) => r.at),
    addFailure: (scope, key, at) => c.write(async (q) => { await q('INSERT INTO rate_failures (scope, key, at) VALUES ($1, $2, $3)', [scope, pgKey(key), at]); }),
    reserve: (read, since, judge, record, at) => c.write(async (q) => {
      // A lock per recorded key, taken in one order so two attempts never wait on each other; held to COMMIT.
      const locks = [...new Set(record.map((k) => `${k.scope}\u001f${pgKey(k.key)}`))].sort();
      for (const l of locks) await q('SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || $1, 0))', [`\u001f${l}`]);
      const failures: number[][] = [];
      for (const k of read) {
        failures.push((await q<{ at: number }>('SELECT at FROM rate_failures WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at', [k.scope, pgKey(k.key), since])).map((r) => r.at));
      }
      const verdict = judge(failures);
      if (verdict.kind === 'allowed') {
        for (const k of record) await q('INSERT INTO rate_failures (scope, key, at) VALUES ($1, $2, $3)', [k.scope, pgKey(k.key), at]);
      }
      return verdict;
    }),
    release: (keys, at) => c.write(async (q) => {
      for (const k of keys) {
        await q('DELETE FROM rate_failures WHERE id = (SELECT id FROM rate_failures WHERE scope = $1 AND key = $2 AND at = $3 LIMIT 1)', [k.scope, pgKey(k.key), at]);
      }
    }),
    clear: (scope, key) => c.write(async (q) => { await q('DELETE FROM rate_failures WHERE scope = $1 AND key = $2', [scope, pgKey(key)]); }),
    restamp: (keys, from, to) => c.write(async (q) => {
      for (const k of keys) {
        await q('UPDATE rate_failures SET at = $1 WHERE id = (SELECT id FROM rate_failures WHERE scope = $2 AND key = $3 AND at = $4 LIMIT 1)', [to, k.scope, pgKey(k.key), from]);
      }
    }),
    sweep: (before) => c.write(async (q) => (await q<{ n: number }>('WITH d AS (DELETE FROM rate_failures WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM d', [before]))[0]!.n),
  };
}
