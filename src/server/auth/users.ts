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

/** Every user, for the admin list (no password hashes). */
export function listUsers(db: Db): (User & { disabled: boolean; createdAt: number })[] {
  const rows = db.prepare('SELECT * FROM users ORDER BY username').all() as (UserRow & { created_at: number })[];
  return rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null, createdAt: r.created_at }));
}

export function userByName(db: Db, username: string): (User & { disabled: boolean }) | null {
  const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return r ? { ...toUser(r), disabled: r.disabled_at !== null } : null;
}

/** Changes role, sites, staff link, password or disabled state; disabling or a new password ends the user's sessions. */
export function updateUser(db: Db, id: number, patch: { role?: Role; sites?: string[]; staffId?: string | null; password?: string; disabled?: boolean }, now = Date.now()): boolean {
  const sets: string[] = [];
  const args: unknown[] = [];
  if (patch.role) { sets.push('role = ?'); args.push(patch.role); }
  if (patch.sites) { sets.push('sites = ?'); args.push(JSON.stringify(patch.sites)); }
  if (patch.staffId !== undefined) { sets.push('staff_id = ?'); args.push(patch.staffId); }
  if (patch.password) { sets.push('password_hash = ?'); args.push(hashPassword(patch.password)); }
  if (patch.disabled !== undefined) { sets.push('disabled_at = ?'); args.push(patch.disabled ? now : null); }
  if (sets.length === 0) return db.prepare('SELECT 1 FROM users WHERE id = ?').get(id) !== undefined;
  const changed = db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, id).changes === 1;
  if (changed && (patch.password || patch.disabled || patch.role)) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  return changed;
}

/** Admins that can still sign in; the last one may not be disabled or demoted. */
export function activeAdminCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n;
}
