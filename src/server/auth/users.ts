import type { Db } from '../db/sqlite';
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets';

export type Role = 'admin' | 'supervisor' | 'staff';

export interface User {
  id: number;
  username: string;
  role: Role;
  sites: string[];
  staffId: string | null;
}

interface UserRow { id: number; username: string; role: Role; sites: string; staff_id: string | null; password_hash: string; disabled_at: number | null }

const SESSION_MS = 12 * 60 * 60 * 1000;

function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, role: r.role, sites: JSON.parse(r.sites) as string[], staffId: r.staff_id };
}

/** Creates a user; throws on a duplicate username (a bug at the call site, checked first by routes). */
export function createUser(db: Db, u: { username: string; password: string; role: Role; sites?: string[]; staffId?: string | null }, now = Date.now()): User {
  const info = db.prepare('INSERT INTO users (username, role, password_hash, sites, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(u.username, u.role, hashPassword(u.password), JSON.stringify(u.sites ?? []), u.staffId ?? null, now);
  return { id: Number(info.lastInsertRowid), username: u.username, role: u.role, sites: u.sites ?? [], staffId: u.staffId ?? null };
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** The user for a username and password, or null (unknown user, wrong password or disabled). */
export function checkLogin(db: Db, username: string, password: string): User | null {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  if (!row || row.disabled_at !== null) {
    verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'); // same cost either way
    return null;
  }
  return verifyPassword(password, row.password_hash) ? toUser(row) : null;
}

export interface Session { user: User; csrf: string }

/** Opens a session; returns the cookie token (stored hashed) and the CSRF token. */
export function openSession(db: Db, userId: number, now = Date.now()): { token: string; csrf: string } {
  const token = newToken();
  const csrf = newToken(18);
  db.prepare('INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(tokenHash(token), userId, csrf, now, now + SESSION_MS);
  return { token, csrf };
}

export function findSession(db: Db, token: string, now = Date.now()): Session | null {
  const row = db.prepare(`SELECT u.*, s.csrf AS csrf FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`).get(tokenHash(token), now) as (UserRow & { csrf: string }) | undefined;
  return row ? { user: toUser(row), csrf: row.csrf } : null;
}

export function closeSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
}
